"""The renderer-neutral form of a legal text: a flat list of typed paragraphs.

A DOCX or HTML template walks a list of `Block`s and picks a paragraph style from `kind` (and
`quoted`, for provision text quoted under an amending instruction); `label` is the hanging number
("a.", "1.", "(1)"), `head` the left-hand caption of a Menimbang/Mengingat/Menetapkan row, and
`level` the indentation depth. `text` is the paragraph as plain text, which tests compare.

Kinds
-----
kop            WALI KOTA BALIKPAPAN / PROVINSI KALIMANTAN TIMUR (centred, above the title)
judul          title lines: RANCANGAN, PERATURAN WALI KOTA BALIKPAPAN, NOMOR … TAHUN …, TENTANG, …
keterangan     a note under the title (naskah terpadu: what it consolidates; not law)
pembukaan      DENGAN RAHMAT TUHAN YANG MAHA ESA
jabatan        WALI KOTA BALIKPAPAN, (the enacting official, centred)
menimbang      one consideration: label "a.", text "bahwa …;"; the first carries head "Menimbang"
mengingat      one legal basis: label "1."; the first carries head "Mengingat"
memutuskan     MEMUTUSKAN:
menetapkan     head "Menetapkan", text "PERATURAN WALI KOTA TENTANG …."
bab            "BAB IV" (centred)            bab_judul   "PENDATAAN DAN VERIFIKASI" (centred)
pasal          "Pasal 6" / "Pasal I" (centred)
ayat           label "(1)", the ayat text (level 0)
paragraf       an unnumbered paragraph of an article (level 0), or body text of Pasal I/II
butir          a list item: label "a." / "1." (levels 1–2) or "a)" / "1)" (levels 3–4)
catatan        an annotation of the naskah terpadu: "[diubah dengan Peraturan Wali Kota …]"
instruksi      an amending instruction of Pasal I: label "1." (none when there is only one)
penutup        the signature blocks; `group` is "ditetapkan" or "diundangkan"; `role` is
               tempat | tanggal | jabatan | nama
berita_daerah  BERITA DAERAH KOTA BALIKPAPAN TAHUN … NOMOR …
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

CENTERED = frozenset({"kop", "judul", "pembukaan", "jabatan", "memutuskan", "bab", "bab_judul", "pasal"})


@dataclass(frozen=True)
class Block:
    kind: str
    body: str
    label: str = ""
    head: str = ""
    level: int = 0
    quoted: bool = False
    group: str = ""
    role: str = ""

    @property
    def text(self) -> str:
        """The paragraph as plain text: "Menimbang : a. bahwa …;", "(1) Peserta …"."""
        parts = []
        if self.head:
            parts.append(f"{self.head} :")
        if self.label:
            parts.append(self.label)
        if self.body:
            parts.append(self.body)
        return " ".join(parts)

    @property
    def align(self) -> str:
        """center | justify | left — a hint; templates may style by `kind` instead."""
        if self.kind in CENTERED:
            return "center"
        if self.kind in ("penutup", "berita_daerah"):
            return "left"
        return "justify"

    def as_quoted(self, extra_level: int = 0) -> "Block":
        return Block(self.kind, self.body, self.label, self.head, self.level + extra_level, True,
                     self.group, self.role)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["text"] = self.text
        d["align"] = self.align
        return d


def texts(blocks) -> list[str]:
    return [b.text for b in blocks]
