"""An amendment as typed operations on an act; checking them, applying them (consolidation), and
grouping them into the numbered instructions of Pasal I.

Operations (YAML `jenis` → class):

    ubah_pasal   ReplaceArticle      the whole article gets new text
    hapus_pasal  DeleteArticle       "Pasal 16 dihapus." — the number stays, the text reads "Dihapus."
    sisip_pasal  InsertArticles      Pasal 5A (5B, …) between Pasal 5 and Pasal 6
    ubah_ayat    ReplaceParagraph    one ayat of an article
    hapus_ayat   DeleteParagraph
    sisip_ayat   InsertParagraphs    ayat (1a), (1b) between ayat (1) and ayat (2)
    ubah_angka / ubah_huruf   ReplaceItem    one item of an article's own list (Pasal 1 angka 5)
    hapus_angka / hapus_huruf DeleteItem
    sisip_angka  InsertItems         angka 11a, 11b between angka 11 and angka 12
    sisip_bab    InsertChapter       BAB IVA between BAB IV and BAB V, with its articles

Every operation carries its reason (`alasan`) for the matriks perubahan. Operations that cannot
apply raise a subclass of `AmendmentError` (a ValueError) whose message is in Indonesian and names
the operation by its position and description: a provision that does not exist
(`ProvisionNotFound`), an insertion point that does not exist (`InsertionPointNotFound`), two
operations on the same place (`ConflictingOperations`), a number out of sequence
(`NumberOutOfSequence`).

Scope: list items can be changed only where they sit directly in an article without ayat (the
definitions of Pasal 1); an item inside an ayat is changed by changing its ayat. Insertion is
between two existing provisions (there is no "ditambah" of a last ayat or item), and huruf items
are not inserted.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any


from rentan.errors import Refusal
from rentan.legal.act import (MARK_YANG_DIUBAH, Act, ActError, Ayat, Bab, Butir, Pasal, Penandatangan, _keys,
                              _list, _mapping, _str, ayat_from_dict, bab_from_dict, butir_from_dict,
                              check_pasal_numbering, mengingat_from_list, pasal_from_dict, signature_from_dict,
                              ELLIPSIS)
from rentan.datafiles import read_data
from rentan.legal.numbering import is_letter_label, sort_key, successor
from rentan.legal.phrasing import daftar, instruction_sentence, ref, uraian

REVOKE_THRESHOLD = 0.5  # Lampiran II no. 237: more than 50% changed → revoke and replace


# --- errors -------------------------------------------------------------------------------------


class AmendmentError(Refusal):
    """An amendment that cannot apply; the message (Indonesian) names the operation."""

    def __init__(self, message: str, index: int | None = None, operation: "Operation | None" = None):
        self.index = index
        self.operation = operation
        self.reason = message
        prefix = f"Operasi ke-{index} ({operation.describe()}): " if operation is not None else ""
        super().__init__(prefix + message)


class ProvisionNotFound(AmendmentError):
    """The provision the operation changes or deletes does not exist."""


class InsertionPointNotFound(AmendmentError):
    """The provision after which something is inserted does not exist, or has nothing after it."""


class ConflictingOperations(AmendmentError):
    """Two operations touch the same place."""


class NumberOutOfSequence(AmendmentError):
    """An inserted provision's number is not the next free one at that place."""


# --- operations ---------------------------------------------------------------------------------


def _units(unit: str, numbers) -> str:
    return daftar([ref(unit, n) for n in numbers])


@dataclass(frozen=True, kw_only=True)
class Operation:
    alasan: str = ""

    def describe(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def ketentuan(self) -> str:  # pragma: no cover - overridden
        """What the operation concerns: "Pasal 1 angka 5", "Pasal 10 ayat (1a) dan ayat (1b)", "BAB IVA"."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class ReplaceArticle(Operation):
    pasal: str
    new: Pasal

    def describe(self) -> str:
        return f"ubah Pasal {self.pasal}"

    @property
    def ketentuan(self) -> str:
        return f"Pasal {self.pasal}"


@dataclass(frozen=True, kw_only=True)
class DeleteArticle(Operation):
    pasal: str

    def describe(self) -> str:
        return f"hapus Pasal {self.pasal}"

    @property
    def ketentuan(self) -> str:
        return f"Pasal {self.pasal}"


@dataclass(frozen=True, kw_only=True)
class InsertArticles(Operation):
    after: str
    new: tuple[Pasal, ...]

    def describe(self) -> str:
        return f"sisipkan {_units('pasal', [p.number for p in self.new])} sesudah Pasal {self.after}"

    @property
    def ketentuan(self) -> str:
        return _units("pasal", [p.number for p in self.new])


@dataclass(frozen=True, kw_only=True)
class ReplaceParagraph(Operation):
    pasal: str
    ayat: str
    new: Ayat

    def describe(self) -> str:
        return f"ubah ayat ({self.ayat}) Pasal {self.pasal}"

    @property
    def ketentuan(self) -> str:
        return f"Pasal {self.pasal} ayat ({self.ayat})"


@dataclass(frozen=True, kw_only=True)
class DeleteParagraph(Operation):
    pasal: str
    ayat: str

    def describe(self) -> str:
        return f"hapus ayat ({self.ayat}) Pasal {self.pasal}"

    @property
    def ketentuan(self) -> str:
        return f"Pasal {self.pasal} ayat ({self.ayat})"


@dataclass(frozen=True, kw_only=True)
class InsertParagraphs(Operation):
    pasal: str
    after: str
    new: tuple[Ayat, ...]

    def describe(self) -> str:
        return (f"sisipkan {_units('ayat', [a.number for a in self.new])} sesudah ayat ({self.after}) "
                f"Pasal {self.pasal}")

    @property
    def ketentuan(self) -> str:
        return f"Pasal {self.pasal} {_units('ayat', [a.number for a in self.new])}"


@dataclass(frozen=True, kw_only=True)
class ReplaceItem(Operation):
    pasal: str
    item: str
    new: Butir

    @property
    def unit(self) -> str:
        return "huruf" if is_letter_label(self.item) else "angka"

    def describe(self) -> str:
        return f"ubah Pasal {self.pasal} {self.unit} {self.item}"

    @property
    def ketentuan(self) -> str:
        return f"Pasal {self.pasal} {self.unit} {self.item}"


@dataclass(frozen=True, kw_only=True)
class DeleteItem(Operation):
    pasal: str
    item: str

    @property
    def unit(self) -> str:
        return "huruf" if is_letter_label(self.item) else "angka"

    def describe(self) -> str:
        return f"hapus Pasal {self.pasal} {self.unit} {self.item}"

    @property
    def ketentuan(self) -> str:
        return f"Pasal {self.pasal} {self.unit} {self.item}"


@dataclass(frozen=True, kw_only=True)
class InsertItems(Operation):
    pasal: str
    after: str
    new: tuple[Butir, ...]

    @property
    def unit(self) -> str:
        return "huruf" if is_letter_label(self.after) else "angka"

    def describe(self) -> str:
        return (f"sisipkan {_units(self.unit, [b.label for b in self.new])} sesudah {self.unit} "
                f"{self.after} Pasal {self.pasal}")

    @property
    def ketentuan(self) -> str:
        return f"Pasal {self.pasal} {_units(self.unit, [b.label for b in self.new])}"


@dataclass(frozen=True, kw_only=True)
class InsertChapter(Operation):
    after: str
    new: Bab

    def describe(self) -> str:
        return f"sisipkan BAB {self.new.number} sesudah BAB {self.after}"

    @property
    def ketentuan(self) -> str:
        return f"BAB {self.new.number}"


INNER = (ReplaceParagraph, DeleteParagraph, InsertParagraphs, ReplaceItem, DeleteItem, InsertItems)


# --- the amendment ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Amendment:
    """A Peraturan Wali Kota that amends another: its own pembukaan, the operations of Pasal I,
    Pasal II (entry into force and transitional rules), and its penutup."""
    base_nomor: int
    base_tahun: int
    operations: tuple[Operation, ...]
    pasal_ii: Pasal
    nomor: int | None = None
    tahun: int | None = None
    jenis: str = "Peraturan Wali Kota"
    daerah: str = "Balikpapan"
    provinsi: str = "Kalimantan Timur"
    perubahan_ke: int = 1
    tanggal: dt.date | None = None          # date of this draft (tracked-change dates)
    mulai_berlaku: dt.date | None = None    # entry into force (as Pasal II says)
    penyusun: str = ""
    menimbang: tuple[str, ...] = ()
    mengingat: tuple[str, ...] = ()
    ditetapkan: Penandatangan | None = None
    diundangkan: Penandatangan | None = None
    berita_daerah_tahun: int | None = None
    berita_daerah_nomor: int | None = None
    ilustratif: bool = False
    paraf_koordinasi: tuple[str, ...] = ()  # the officials who initial the Rancangan, in order
    alasan_pasal_ii: str = ""               # the matriks's Keterangan/Alasan for Pasal II

    def mengingat_bagi(self, base: Act) -> tuple[str, ...]:
        """Mengingat with the amended act cited from its own file (`{kode: peraturan_yang_diubah}`):
        its gazette number comes from the act's file, as everywhere else it is cited."""
        return tuple(f"{base.sebutan_lengkap};" if m == MARK_YANG_DIUBAH else m for m in self.mengingat)

    @property
    def judul_singkat(self) -> str:
        """Peraturan Wali Kota Nomor … Tahun 2025 — how the naskah terpadu names this amendment."""
        return f"{self.jenis} Nomor {ELLIPSIS if self.nomor is None else self.nomor} " \
               f"Tahun {ELLIPSIS if self.tahun is None else self.tahun}"

    def catatan(self, verb: str) -> str:
        """diubah dengan Peraturan Wali Kota Nomor … Tahun 2025"""
        return f"{verb} dengan {self.judul_singkat}"

    def in_force_on(self, day: dt.date) -> bool:
        return self.mulai_berlaku is not None and self.mulai_berlaku <= day


# --- loading ------------------------------------------------------------------------------------

_AMENDMENT_KEYS = {"ilustratif", "keterangan", "jenis", "daerah", "provinsi", "nomor", "tahun",
                   "perubahan_ke", "mengubah", "tanggal", "mulai_berlaku", "penyusun", "menimbang",
                   "mengingat", "operasi", "pasal_ii", "penutup", "berita_daerah", "paraf_koordinasi",
                   "alasan_pasal_ii"}


def load_amendment(path: str | Path) -> Amendment:
    p = Path(path)
    return amendment_from_dict(read_data(p, ActError, "berkas naskah perubahan"), source=p.name, folder=p.parent)


def amendment_from_dict(data: dict, source: str = "perubahan", folder: Path | None = None) -> Amendment:
    """Mengingat codes are cited from `folder`'s dasar-hukum.yaml, or from the drafts folder's when
    `folder` has none (`rentan.legal.dasar.citations_file`)."""
    w = source
    _mapping(data, w)
    _keys(data, _AMENDMENT_KEYS, w, required={"mengubah", "operasi", "pasal_ii"})
    base = data["mengubah"]
    _mapping(base, f"{w}: mengubah")
    _keys(base, {"nomor", "tahun"}, f"{w}: mengubah", required={"nomor", "tahun"})
    bd = data.get("berita_daerah") or {}
    _keys(bd, {"tahun", "nomor"}, f"{w}: berita_daerah")
    penutup = data.get("penutup") or {}
    _keys(penutup, {"ditetapkan", "diundangkan"}, f"{w}: penutup")
    for key in ("tanggal", "mulai_berlaku"):
        if data.get(key) is not None and not isinstance(data[key], dt.date):
            raise ActError(f"{w}: {key} harus ditulis YYYY-MM-DD")
    ops = tuple(operation_from_dict(o, f"{w}: operasi ke-{i + 1}")
                for i, o in enumerate(_list(data["operasi"], f"{w}: operasi")))
    return Amendment(
        base_nomor=int(base["nomor"]), base_tahun=int(base["tahun"]),
        operations=ops,
        pasal_ii=pasal_from_dict(data["pasal_ii"], f"{w}: pasal_ii", number="II"),
        nomor=data.get("nomor"), tahun=data.get("tahun"),
        jenis=data.get("jenis", "Peraturan Wali Kota"), daerah=data.get("daerah", "Balikpapan"),
        provinsi=data.get("provinsi", "Kalimantan Timur"),
        perubahan_ke=int(data.get("perubahan_ke", 1)),
        tanggal=data.get("tanggal"), mulai_berlaku=data.get("mulai_berlaku"),
        penyusun=str(data.get("penyusun") or ""),
        menimbang=tuple(_str(s, f"{w}: menimbang[{i + 1}]") for i, s in enumerate(data.get("menimbang") or [])),
        mengingat=mengingat_from_list(data.get("mengingat") or [], f"{w}: mengingat", folder, amended=True),
        ditetapkan=signature_from_dict(penutup.get("ditetapkan"), f"{w}: penutup.ditetapkan"),
        diundangkan=signature_from_dict(penutup.get("diundangkan"), f"{w}: penutup.diundangkan"),
        berita_daerah_tahun=bd.get("tahun"), berita_daerah_nomor=bd.get("nomor"),
        ilustratif=bool(data.get("ilustratif", False)),
        paraf_koordinasi=tuple(_str(s, f"{w}: paraf_koordinasi[{i + 1}]")
                               for i, s in enumerate(data.get("paraf_koordinasi") or [])),
        alasan_pasal_ii=" ".join(str(data.get("alasan_pasal_ii") or "").split()),
    )


def _s(v: Any) -> str:
    return str(v)


def operation_from_dict(d: Any, where: str) -> Operation:
    _mapping(d, where)
    kind = d.get("jenis")
    alasan = d.get("alasan")
    if not isinstance(alasan, str) or not alasan.strip():
        raise ActError(f"{where}: alasan wajib diisi (untuk kolom Keterangan/Alasan matriks perubahan)")
    alasan = " ".join(alasan.split())
    common = {"jenis", "alasan"}
    if kind == "ubah_pasal":
        _keys(d, common | {"pasal", "isi"}, where, required={"pasal", "isi"})
        num = _s(d["pasal"])
        return ReplaceArticle(pasal=num, new=pasal_from_dict(d["isi"], f"{where}: isi", number=num), alasan=alasan)
    if kind == "hapus_pasal":
        _keys(d, common | {"pasal"}, where, required={"pasal"})
        return DeleteArticle(pasal=_s(d["pasal"]), alasan=alasan)
    if kind == "sisip_pasal":
        _keys(d, common | {"sesudah", "pasal"}, where, required={"sesudah", "pasal"})
        new = tuple(pasal_from_dict(p, f"{where}: pasal[{i + 1}]")
                    for i, p in enumerate(_list(d["pasal"], f"{where}: pasal")))
        return InsertArticles(after=_s(d["sesudah"]), new=new, alasan=alasan)
    if kind == "ubah_ayat":
        _keys(d, common | {"pasal", "ayat", "teks", "huruf", "angka"}, where, required={"pasal", "ayat", "teks"})
        num = _s(d["ayat"])
        new = ayat_from_dict({k: d[k] for k in ("teks", "huruf", "angka") if k in d}, where, num)
        return ReplaceParagraph(pasal=_s(d["pasal"]), ayat=num, new=new, alasan=alasan)
    if kind == "hapus_ayat":
        _keys(d, common | {"pasal", "ayat"}, where, required={"pasal", "ayat"})
        return DeleteParagraph(pasal=_s(d["pasal"]), ayat=_s(d["ayat"]), alasan=alasan)
    if kind == "sisip_ayat":
        _keys(d, common | {"pasal", "sesudah", "ayat"}, where, required={"pasal", "sesudah", "ayat"})
        entries = _list(d["ayat"], f"{where}: ayat")
        new = []
        for i, e in enumerate(entries):
            if not isinstance(e, dict) or "nomor" not in e:
                raise ActError(f"{where}: ayat[{i + 1}]: ayat sisipan wajib diberi nomor (misalnya 1a)")
            new.append(ayat_from_dict(e, f"{where}: ayat[{i + 1}]", None, numbered=True))
        return InsertParagraphs(pasal=_s(d["pasal"]), after=_s(d["sesudah"]), new=tuple(new), alasan=alasan)
    for unit in ("angka", "huruf"):
        if kind == f"ubah_{unit}":
            _keys(d, common | {"pasal", unit, "teks", "rincian_huruf", "rincian_angka"}, where,
                  required={"pasal", unit, "teks"})
            label = _s(d[unit])
            sub = {k.removeprefix("rincian_"): d[k] for k in ("rincian_huruf", "rincian_angka") if k in d}
            new = butir_from_dict({"nomor": label, "teks": d["teks"], **sub}, where, label, unit)
            return ReplaceItem(pasal=_s(d["pasal"]), item=label, new=new, alasan=alasan)
        if kind == f"hapus_{unit}":
            _keys(d, common | {"pasal", unit}, where, required={"pasal", unit})
            label = _s(d[unit])
            if (unit == "huruf") != is_letter_label(label):
                raise ActError(f"{where}: {label!r} bukan nomor {unit}")
            return DeleteItem(pasal=_s(d["pasal"]), item=label, alasan=alasan)
    if kind == "sisip_angka":
        _keys(d, common | {"pasal", "sesudah", "angka"}, where, required={"pasal", "sesudah", "angka"})
        entries = _list(d["angka"], f"{where}: angka")
        new = []
        for i, e in enumerate(entries):
            if not isinstance(e, dict) or "nomor" not in e:
                raise ActError(f"{where}: angka[{i + 1}]: angka sisipan wajib diberi nomor (misalnya 11a)")
            new.append(butir_from_dict(e, f"{where}: angka[{i + 1}]", None, "angka"))
        return InsertItems(pasal=_s(d["pasal"]), after=_s(d["sesudah"]), new=tuple(new), alasan=alasan)
    if kind == "sisip_huruf":
        raise ActError(f"{where}: penyisipan huruf tidak didukung; ubah ayat atau pasal yang memuatnya")
    if kind == "sisip_bab":
        _keys(d, common | {"sesudah", "bab"}, where, required={"sesudah", "bab"})
        return InsertChapter(after=_s(d["sesudah"]), new=bab_from_dict(d["bab"], f"{where}: bab"), alasan=alasan)
    raise ActError(f"{where}: jenis operasi tidak dikenal: {kind!r} (ubah_pasal, hapus_pasal, sisip_pasal, "
                   "ubah_ayat, hapus_ayat, sisip_ayat, ubah_angka, ubah_huruf, hapus_angka, hapus_huruf, "
                   "sisip_angka, sisip_bab)")


# --- instructions (Pasal I) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Insertion:
    unit: str                  # pasal | ayat | angka | bab
    between: tuple[str, str]   # the existing provisions it goes between
    numbers: tuple[str, ...]   # the new numbers, in order


@dataclass(frozen=True)
class Instruction:
    """One numbered instruction of Pasal I. `kind`:

    ubah_pasal   the whole article (Pasal `pasal`) gets new text
    hapus_pasal  the article is deleted
    sisip_pasal  articles inserted (`insertions[0]`)
    sisip_bab    a chapter inserted (`insertions[0]`, unit "bab"; `new_pasal` its articles)
    ubah_isi     ayat or items of one article changed/deleted/inserted (`unit` ayat|angka|huruf)
    """
    kind: str
    pasal: str | None
    operations: tuple[int, ...]            # 1-based positions in Amendment.operations
    unit: str = ""
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    insertions: tuple[Insertion, ...] = ()
    new_pasal: tuple[str, ...] = ()        # articles whose full text follows (sisip_pasal, sisip_bab)

    def kalimat(self, cite: str | None = None) -> str:
        """Its sentence in Pasal I ("… sehingga berbunyi sebagai berikut:")."""
        return instruction_sentence(self, cite)

    @property
    def uraian(self) -> str:
        """The same change stated, for the matriks and the naskah penjelasan ("Pasal 16 dihapus.")."""
        return uraian(self)

    @property
    def ketentuan(self) -> str:
        """The provision the instruction is about: "Pasal 1", "Pasal 5A", "BAB IVA"."""
        if self.kind == "sisip_bab":
            return f"BAB {self.insertions[0].numbers[0]}"
        if self.kind == "sisip_pasal":
            return _units("pasal", self.new_pasal)
        return f"Pasal {self.pasal}"


# --- checking and applying ----------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    act: Act                                 # the consolidated act
    instructions: tuple[Instruction, ...]    # in the order of the act
    warnings: tuple[str, ...]
    changed_share: float                     # articles touched / articles of the base act


def apply(base: Act, amendment: Amendment, *, annotate: bool = True) -> Act:
    """The base act with the amendment applied (the consolidated act). With `annotate`, every
    changed provision carries a note such as "diubah dengan Peraturan Wali Kota Nomor … Tahun 2025"."""
    return consolidate(base, amendment, annotate=annotate).act


def check(base: Act, amendment: Amendment) -> list[str]:
    """Raise on an operation that cannot apply; return warnings (Indonesian)."""
    return list(consolidate(base, amendment, annotate=False).warnings)


def instructions(base: Act, amendment: Amendment) -> list[Instruction]:
    return list(consolidate(base, amendment, annotate=False).instructions)


def consolidate(base: Act, amendment: Amendment, *, annotate: bool = True) -> Result:
    if (base.nomor, base.tahun) != (amendment.base_nomor, amendment.base_tahun):
        raise AmendmentError(
            f"naskah perubahan ini mengubah {amendment.jenis} Nomor {amendment.base_nomor} Tahun "
            f"{amendment.base_tahun}, bukan {base.judul_singkat}")
    return _Engine(base, amendment, annotate).run()


class _Engine:
    def __init__(self, base: Act, amendment: Amendment, annotate: bool):
        self.base = base
        self.am = amendment
        self.annotate = annotate
        self.act = base
        self.pasal_order = base.pasal_numbers
        self.claimed: dict[tuple, int] = {}
        self.whole: dict[str, int] = {}
        self.inner: dict[str, int] = {}
        self.touched: set[str] = set()
        self.inserted: list[str] = []
        self.groups: dict[tuple, dict] = {}

    # -- helpers -------------------------------------------------------------------------------

    def note(self, verb: str) -> tuple[str, ...]:
        return (self.am.catatan(verb),) if self.annotate else ()

    def fail(self, cls, i: int, op: Operation, msg: str):
        raise cls(msg, i, op)

    def base_pasal(self, i: int, op: Operation, number: str, cls=ProvisionNotFound) -> Pasal:
        p = self.base.pasal(number)
        if p is None:
            self.fail(cls, i, op, f"Pasal {number} tidak ada dalam {self.base.judul_singkat}")
        if p.deleted:
            self.fail(cls, i, op, f"Pasal {number} sudah dihapus dan tidak dapat diubah")
        return p

    def claim(self, i: int, op: Operation, place: tuple, what: str) -> None:
        if place in self.claimed:
            j = self.claimed[place]
            self.fail(ConflictingOperations, i, op,
                      f"bentrok dengan operasi ke-{j} ({self.am.operations[j - 1].describe()}): "
                      f"keduanya mengenai {what}; gabungkan menjadi satu operasi")
        self.claimed[place] = i

    def claim_pasal_scope(self, i: int, op: Operation, number: str, whole: bool) -> None:
        other = self.inner if whole else self.whole
        if number in other:
            j = other[number]
            self.fail(ConflictingOperations, i, op,
                      f"bentrok dengan operasi ke-{j} ({self.am.operations[j - 1].describe()}): "
                      f"keduanya mengenai Pasal {number}; bila seluruh pasal diubah, ubahan ayat atau "
                      f"rinciannya dimasukkan ke dalam teks pasal yang baru")
        (self.whole if whole else self.inner).setdefault(number, i)

    def chain(self, i: int, op: Operation, unit: str, after: str, nxt: str, numbers: list[str],
              *, upper: bool, roman: bool = False, shown=lambda u, n: f"{u} {n}") -> None:
        cur = after
        for n in numbers:
            expected = successor(cur, upper=upper, roman=roman)
            if sort_key(expected, roman=roman) >= sort_key(nxt, roman=roman):
                self.fail(NumberOutOfSequence, i, op,
                          f"tidak ada nomor sisipan yang tersedia di antara {shown(unit, after)} dan "
                          f"{shown(unit, nxt)}")
            if n != expected:
                self.fail(NumberOutOfSequence, i, op,
                          f"nomor sisipan tidak berurutan: sesudah {shown(unit, cur)} seharusnya "
                          f"{shown(unit, expected)}, bukan {shown(unit, n)}")
            cur = n

    def group(self, key: tuple, **init) -> dict:
        g = self.groups.get(key)
        if g is None:
            g = self.groups[key] = {"ops": [], "changed": [], "deleted": [], "insertions": [], **init}
        return g

    def position(self, number: str) -> int:
        return self.pasal_order.index(number)

    def set_pasal(self, number: str, p: Pasal) -> None:
        self.act = self.act.replace_pasal(number, p)

    # -- the run -------------------------------------------------------------------------------

    def run(self) -> Result:
        for i, op in enumerate(self.am.operations, start=1):
            handler = getattr(self, f"_{type(op).__name__}")
            handler(i, op)
        instructions = self.instructions()
        total = len(self.pasal_order)
        share = (len(self.touched) + len(self.inserted)) / total if total else 0.0
        warnings = []
        if share > REVOKE_THRESHOLD:
            warnings.append(
                f"Perubahan mengenai {len(self.touched) + len(self.inserted)} pasal, sedangkan "
                f"{self.base.judul_singkat} memuat {total} pasal ({round(share * 100)}%, lebih dari 50%). "
                "Menurut Lampiran II Undang-Undang Nomor 12 Tahun 2011, peraturan yang materi muatannya "
                "berubah lebih dari 50% lebih baik dicabut dan disusun kembali dalam peraturan yang baru "
                "(pencabutan dan penggantian), bukan diubah.")
        return Result(self.act, tuple(instructions), tuple(warnings), share)

    def _ReplaceArticle(self, i: int, op: ReplaceArticle) -> None:
        self.base_pasal(i, op, op.pasal)
        self.claim_pasal_scope(i, op, op.pasal, whole=True)
        self.claim(i, op, ("pasal", op.pasal), f"Pasal {op.pasal}")
        try:
            check_pasal_numbering(op.new, f"Pasal {op.pasal} yang baru")
        except ActError as e:
            self.fail(NumberOutOfSequence, i, op, str(e))
        self.set_pasal(op.pasal, replace(op.new, number=op.pasal, notes=self.note("diubah")))
        self.touched.add(op.pasal)
        self.group(("pasal", self.position(op.pasal), 0), kind="ubah_pasal", pasal=op.pasal)["ops"].append(i)

    def _DeleteArticle(self, i: int, op: DeleteArticle) -> None:
        self.base_pasal(i, op, op.pasal)
        self.claim_pasal_scope(i, op, op.pasal, whole=True)
        self.claim(i, op, ("pasal", op.pasal), f"Pasal {op.pasal}")
        self.set_pasal(op.pasal, Pasal(number=op.pasal, paragraphs=(), deleted=True, notes=self.note("dihapus")))
        self.touched.add(op.pasal)
        self.group(("pasal", self.position(op.pasal), 0), kind="hapus_pasal", pasal=op.pasal)["ops"].append(i)

    def _next_pasal(self, i: int, op: Operation, after: str) -> str:
        k = self.position(after)
        if k + 1 >= len(self.pasal_order):
            self.fail(InsertionPointNotFound, i, op,
                      f"tidak ada pasal sesudah Pasal {after}, sehingga tidak ada tempat "
                      f"\"di antara\" untuk menyisipkan")
        return self.pasal_order[k + 1]

    def _InsertArticles(self, i: int, op: InsertArticles) -> None:
        if self.base.pasal(op.after) is None:
            self.fail(InsertionPointNotFound, i, op,
                      f"Pasal {op.after} tidak ada dalam {self.base.judul_singkat}, sehingga tidak dapat "
                      f"menjadi tempat penyisipan")
        nxt = self._next_pasal(i, op, op.after)
        self.claim(i, op, ("sisip_pasal", op.after), f"tempat sesudah Pasal {op.after}")
        numbers = [p.number for p in op.new]
        self.chain(i, op, "Pasal", op.after, nxt, numbers, upper=True)
        for p in op.new:
            try:
                check_pasal_numbering(p, f"Pasal {p.number}")
            except ActError as e:
                self.fail(NumberOutOfSequence, i, op, str(e))
        self.act = self.act.replace_pasal(op.after, None,
                                          after=[replace(p, notes=self.note("disisipkan")) for p in op.new])
        self.inserted.extend(numbers)
        g = self.group(("pasal", self.position(op.after), 1), kind="sisip_pasal", pasal=None)
        g["ops"].append(i)
        g["insertions"].append(Insertion("pasal", (op.after, nxt), tuple(numbers)))
        g["new_pasal"] = tuple(numbers)

    def _InsertChapter(self, i: int, op: InsertChapter) -> None:
        babs = [b.number for b in self.base.bab]
        if op.after not in babs:
            self.fail(InsertionPointNotFound, i, op,
                      f"BAB {op.after} tidak ada dalam {self.base.judul_singkat}, sehingga tidak dapat "
                      f"menjadi tempat penyisipan")
        k = babs.index(op.after)
        if k + 1 >= len(babs):
            self.fail(InsertionPointNotFound, i, op,
                      f"tidak ada BAB sesudah BAB {op.after}, sehingga tidak ada tempat \"di antara\" "
                      f"untuk menyisipkan")
        nxt = babs[k + 1]
        last = self.base.bab[k].pasal[-1].number
        self.claim(i, op, ("sisip_bab", op.after), f"tempat sesudah BAB {op.after}")
        self.claim(i, op, ("sisip_pasal", last), f"tempat sesudah Pasal {last}")
        self.chain(i, op, "BAB", op.after, nxt, [op.new.number], upper=True, roman=True)
        numbers = [p.number for p in op.new.pasal]
        self.chain(i, op, "Pasal", last, self._next_pasal(i, op, last), numbers, upper=True)
        for p in op.new.pasal:
            try:
                check_pasal_numbering(p, f"Pasal {p.number}")
            except ActError as e:
                self.fail(NumberOutOfSequence, i, op, str(e))
        self.act = self.act.insert_bab(op.after, replace(op.new, notes=self.note("disisipkan")))
        self.inserted.extend(numbers)
        g = self.group(("pasal", self.position(last), 2), kind="sisip_bab", pasal=None)
        g["ops"].append(i)
        g["insertions"].append(Insertion("bab", (op.after, nxt), (op.new.number,)))
        g["new_pasal"] = tuple(numbers)

    # -- inside one article --------------------------------------------------------------------

    def _inner_group(self, i: int, op: Operation, pasal: str, unit: str) -> dict:
        self.claim_pasal_scope(i, op, pasal, whole=False)
        self.touched.add(pasal)
        g = self.group(("pasal", self.position(pasal), 0), kind="ubah_isi", pasal=pasal, unit=unit)
        g["ops"].append(i)
        return g

    def _ayat(self, i: int, op: Operation, p: Pasal, number: str, cls=ProvisionNotFound) -> Ayat:
        a = p.ayat(number)
        if a is None:
            have = ", ".join(f"({x.number})" for x in p.paragraphs if x.number is not None)
            self.fail(cls, i, op, f"Pasal {p.number} tidak memiliki ayat ({number})"
                      + (f"; ayat yang ada: {have}" if have else "; pasal ini tidak berayat"))
        if a.deleted:
            self.fail(cls, i, op, f"ayat ({number}) Pasal {p.number} sudah dihapus")
        return a

    def _replace_paragraph(self, pasal: str, number: str, new: Ayat | None, insert_after: tuple[Ayat, ...] = ()) -> None:
        cur = self.act.pasal(pasal)
        out = []
        for a in cur.paragraphs:
            out.append(new if (new is not None and a.number == number) else a)
            if a.number == number:
                out.extend(insert_after)
        self.set_pasal(pasal, replace(cur, paragraphs=tuple(out)))

    def _ReplaceParagraph(self, i: int, op: ReplaceParagraph) -> None:
        p = self.base_pasal(i, op, op.pasal)
        self._ayat(i, op, p, op.ayat)
        g = self._inner_group(i, op, op.pasal, "ayat")
        self.claim(i, op, ("ayat", op.pasal, op.ayat), f"ayat ({op.ayat}) Pasal {op.pasal}")
        self._replace_paragraph(op.pasal, op.ayat, replace(op.new, number=op.ayat, notes=self.note("diubah")))
        g["changed"].append(op.ayat)

    def _DeleteParagraph(self, i: int, op: DeleteParagraph) -> None:
        p = self.base_pasal(i, op, op.pasal)
        self._ayat(i, op, p, op.ayat)
        g = self._inner_group(i, op, op.pasal, "ayat")
        self.claim(i, op, ("ayat", op.pasal, op.ayat), f"ayat ({op.ayat}) Pasal {op.pasal}")
        self._replace_paragraph(op.pasal, op.ayat, Ayat(op.ayat, "", deleted=True, notes=self.note("dihapus")))
        g["deleted"].append(op.ayat)

    def _InsertParagraphs(self, i: int, op: InsertParagraphs) -> None:
        p = self.base_pasal(i, op, op.pasal)
        self._ayat(i, op, p, op.after, cls=InsertionPointNotFound)
        numbers = [a.number for a in p.paragraphs if a.number is not None]
        k = numbers.index(op.after)
        if k + 1 >= len(numbers):
            self.fail(InsertionPointNotFound, i, op,
                      f"ayat ({op.after}) adalah ayat terakhir Pasal {op.pasal}, sehingga tidak ada tempat "
                      f"\"di antara\" untuk menyisipkan")
        nxt = numbers[k + 1]
        g = self._inner_group(i, op, op.pasal, "ayat")
        self.claim(i, op, ("sisip_ayat", op.pasal, op.after), f"tempat sesudah ayat ({op.after}) Pasal {op.pasal}")
        new_numbers = [a.number for a in op.new]
        self.chain(i, op, "ayat", op.after, nxt, new_numbers, upper=False, shown=lambda u, n: f"ayat ({n})")
        self._replace_paragraph(op.pasal, op.after, None,
                                tuple(replace(a, notes=self.note("disisipkan")) for a in op.new))
        g["insertions"].append(Insertion("ayat", (op.after, nxt), tuple(new_numbers)))

    def _items(self, i: int, op: Operation, p: Pasal, unit: str) -> Ayat:
        lp = p.list_paragraph
        if lp is None:
            self.fail(ProvisionNotFound, i, op,
                      f"Pasal {p.number} tidak memuat rincian {unit} langsung di bawah pasal (tanpa ayat); "
                      f"rincian di dalam ayat diubah dengan mengubah ayatnya")
        return lp

    def _item(self, i: int, op: Operation, p: Pasal, label: str, unit: str, cls=ProvisionNotFound) -> Butir:
        lp = self._items(i, op, p, unit)
        for b in lp.items:
            if b.label == label:
                if b.deleted:
                    self.fail(cls, i, op, f"{unit} {label} Pasal {p.number} sudah dihapus")
                return b
        self.fail(cls, i, op, f"Pasal {p.number} tidak memiliki {unit} {label} "
                              f"(rinciannya {lp.items[0].label} sampai dengan {lp.items[-1].label})")

    def _replace_item(self, pasal: str, label: str, new: Butir | None, insert_after: tuple[Butir, ...] = ()) -> None:
        cur = self.act.pasal(pasal)
        paragraphs = []
        for a in cur.paragraphs:
            if a.number is None and a.items:
                items = []
                for b in a.items:
                    items.append(new if (new is not None and b.label == label) else b)
                    if b.label == label:
                        items.extend(insert_after)
                a = replace(a, items=tuple(items))
            paragraphs.append(a)
        self.set_pasal(pasal, replace(cur, paragraphs=tuple(paragraphs)))

    def _ReplaceItem(self, i: int, op: ReplaceItem) -> None:
        p = self.base_pasal(i, op, op.pasal)
        self._item(i, op, p, op.item, op.unit)
        g = self._inner_group(i, op, op.pasal, op.unit)
        self.claim(i, op, ("butir", op.pasal, op.item), f"Pasal {op.pasal} {op.unit} {op.item}")
        self._replace_item(op.pasal, op.item, replace(op.new, label=op.item, notes=self.note("diubah")))
        g["changed"].append(op.item)

    def _DeleteItem(self, i: int, op: DeleteItem) -> None:
        p = self.base_pasal(i, op, op.pasal)
        self._item(i, op, p, op.item, op.unit)
        g = self._inner_group(i, op, op.pasal, op.unit)
        self.claim(i, op, ("butir", op.pasal, op.item), f"Pasal {op.pasal} {op.unit} {op.item}")
        self._replace_item(op.pasal, op.item, Butir(op.item, "", deleted=True, notes=self.note("dihapus")))
        g["deleted"].append(op.item)

    def _InsertItems(self, i: int, op: InsertItems) -> None:
        p = self.base_pasal(i, op, op.pasal)
        self._item(i, op, p, op.after, op.unit, cls=InsertionPointNotFound)
        labels = [b.label for b in p.list_paragraph.items]
        k = labels.index(op.after)
        if k + 1 >= len(labels):
            self.fail(InsertionPointNotFound, i, op,
                      f"{op.unit} {op.after} adalah rincian terakhir Pasal {op.pasal}, sehingga tidak ada "
                      f"tempat \"di antara\" untuk menyisipkan")
        nxt = labels[k + 1]
        g = self._inner_group(i, op, op.pasal, op.unit)
        self.claim(i, op, ("sisip_butir", op.pasal, op.after),
                   f"tempat sesudah {op.unit} {op.after} Pasal {op.pasal}")
        new_labels = [b.label for b in op.new]
        self.chain(i, op, op.unit, op.after, nxt, new_labels, upper=False)
        self._replace_item(op.pasal, op.after, None,
                           tuple(replace(b, notes=self.note("disisipkan")) for b in op.new))
        g["insertions"].append(Insertion(op.unit, (op.after, nxt), tuple(new_labels)))

    # -- grouping ------------------------------------------------------------------------------

    def instructions(self) -> list[Instruction]:
        out = []
        for key in sorted(self.groups):
            g = self.groups[key]
            order = lambda n: sort_key(n)  # noqa: E731
            out.append(Instruction(
                kind=g["kind"], pasal=g.get("pasal"), operations=tuple(g["ops"]), unit=g.get("unit", ""),
                changed=tuple(sorted(g["changed"], key=order)), deleted=tuple(sorted(g["deleted"], key=order)),
                insertions=tuple(sorted(g["insertions"], key=lambda s: sort_key(s.between[0], roman=s.unit == "bab"))),
                new_pasal=g.get("new_pasal", ()),
            ))
        return out
