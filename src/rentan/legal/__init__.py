"""Legal drafting: the act model (BAB → Pasal → ayat → huruf/angka), amendments as typed
operations, their exact Indonesian phrasing, consolidation (naskah terpadu) and the matriks
perubahan. Pure Python (PyYAML for reading); no Prefect, no registry.

    act = load_act("drafts/perwali-3-2025.yaml")
    am = load_amendment("drafts/perubahan-perwali-3-2025.yaml")
    draft = build_draft(act, am)          # the amending regulation as blocks (+ warnings)
    rows = matrix_rows(act, am)           # the matriks perubahan
    nt = naskah_terpadu(act, [am], date)  # the consolidated text as of a date, annotated
"""
from rentan.legal.act import Act, ActError, Ayat, Bab, Butir, Pasal, Penandatangan, act_blocks, load_act
from rentan.legal.amendment import (Amendment, AmendmentError, ConflictingOperations, InsertionPointNotFound,
                                    Instruction, NumberOutOfSequence, ProvisionNotFound, apply, check,
                                    consolidate, load_amendment)
from rentan.legal.blocks import Block
from rentan.legal.consolidated import NaskahTerpadu, naskah_terpadu
from rentan.legal.draft import AmendmentDraft, InstructionText, build_draft
from rentan.legal.matrix import MatrixRow, matrix_rows
from rentan.legal.punctuation import check_act, check_amendment

__all__ = [
    "Act", "ActError", "Amendment", "AmendmentDraft", "AmendmentError", "Ayat", "Bab", "Block", "Butir",
    "ConflictingOperations", "InsertionPointNotFound", "Instruction", "InstructionText", "MatrixRow",
    "NaskahTerpadu", "NumberOutOfSequence", "Pasal", "Penandatangan", "ProvisionNotFound", "act_blocks", "apply",
    "build_draft", "check", "check_act", "check_amendment", "consolidate", "load_act", "load_amendment",
    "matrix_rows", "naskah_terpadu",
]
