"""The act model: a Peraturan Wali Kota as BAB → Pasal → ayat → huruf/angka, loaded from YAML and
rendered to exact text (a list of `Block`s).

The YAML form (see drafts/perwali-3-2025.yaml):

    bab:
      - nomor: I
        judul: KETENTUAN UMUM
        pasal:
          - nomor: 1
            teks: "Dalam Peraturan Wali Kota ini yang dimaksud dengan:"
            angka:
              - Daerah adalah Kota Balikpapan.
          - nomor: 3
            ayat:
              - teks: "Pekerja Rentan yang … harus memenuhi persyaratan:"
                huruf: [ "…;", "…; dan", "…." ]
              - "Selain memenuhi persyaratan sebagaimana dimaksud pada ayat (1), …."

An article has numbered `ayat`, or one unnumbered paragraph (`teks`, with an optional `huruf` or
`angka` list), or several unnumbered paragraphs (`paragraf`); `ayat` may be followed by
`paragraf` (the closing article's "Agar setiap orang mengetahuinya, …"). Numbers of ayat and list
items are counted from 1 (a, b, …) unless an entry gives its own `nomor` (an act that already
holds insertions such as "1a"). Text is kept exactly as written, punctuation included: the drafter
writes "; dan" where the rules want it, and `rentan.legal.punctuation` checks it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Iterator


from rentan.errors import Refusal
from rentan.idfmt import tanggal as tanggal_panjang
from rentan.legal.blocks import Block
from rentan.datafiles import read_data
from rentan.legal.dasar import CitationError, citation
from rentan.legal.numbering import huruf, is_letter_label, sort_key

ELLIPSIS = "…"
DIHAPUS = "Dihapus."


class ActError(Refusal):
    """The structured act is malformed; the message names the place (in Indonesian)."""


# --- the model ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Butir:
    """A list item: huruf (a, b, …) or angka (1, 2, 11a, …), with an optional sub-list."""
    label: str
    text: str
    items: tuple["Butir", ...] = ()
    deleted: bool = False
    notes: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return "huruf" if is_letter_label(self.label) else "angka"


@dataclass(frozen=True)
class Ayat:
    """A numbered ayat ((1), (1a)) or, with `number` None, an unnumbered paragraph of an article."""
    number: str | None
    text: str
    items: tuple[Butir, ...] = ()
    deleted: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pasal:
    number: str
    paragraphs: tuple[Ayat, ...]
    deleted: bool = False
    notes: tuple[str, ...] = ()

    @property
    def has_ayat(self) -> bool:
        return any(p.number is not None for p in self.paragraphs)

    def ayat(self, number: str) -> Ayat | None:
        for p in self.paragraphs:
            if p.number == number:
                return p
        return None

    @property
    def list_paragraph(self) -> Ayat | None:
        """The single unnumbered paragraph that carries the article's list (Pasal 1 definitions)."""
        with_items = [p for p in self.paragraphs if p.number is None and p.items]
        return with_items[0] if len(with_items) == 1 and not self.has_ayat else None


@dataclass(frozen=True)
class Bab:
    number: str
    title: str
    pasal: tuple[Pasal, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Penandatangan:
    """One signature block of the penutup: "Ditetapkan di Balikpapan pada tanggal … WALI KOTA …"."""
    tempat: str
    jabatan: str
    nama: str
    tanggal: dt.date | None = None


@dataclass(frozen=True)
class Act:
    tentang: str                 # sentence case: "Penyelenggaraan Program … bagi Pekerja Rentan"
    bab: tuple[Bab, ...]
    nomor: int | None = None
    tahun: int | None = None
    jenis: str = "Peraturan Wali Kota"
    daerah: str = "Balikpapan"
    provinsi: str = "Kalimantan Timur"
    berita_daerah_tahun: int | None = None
    berita_daerah_nomor: int | None = None
    menimbang: tuple[str, ...] = ()
    mengingat: tuple[str, ...] = ()
    ditetapkan: Penandatangan | None = None
    diundangkan: Penandatangan | None = None
    ilustratif: bool = False
    keterangan: str = ""

    # --- names --------------------------------------------------------------------------------

    @property
    def jabatan(self) -> str:
        """WALI KOTA BALIKPAPAN — the enacting official."""
        return f"{self.jenis.removeprefix('Peraturan ')} {self.daerah}".upper()

    @property
    def judul_singkat(self) -> str:
        """Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025"""
        return f"{self.jenis} {self.daerah} Nomor {_n(self.nomor)} Tahun {_n(self.tahun)}"

    @property
    def sebutan(self) -> str:
        """Peraturan Wali Kota Balikpapan Nomor 3 Tahun 2025 tentang …"""
        return f"{self.judul_singkat} tentang {self.tentang}"

    @property
    def berita_daerah(self) -> str:
        """Berita Daerah Kota Balikpapan Tahun 2025 Nomor 4"""
        return f"Berita Daerah Kota {self.daerah} Tahun {_n(self.berita_daerah_tahun)} Nomor {_n(self.berita_daerah_nomor)}"

    @property
    def sebutan_lengkap(self) -> str:
        """… tentang … (Berita Daerah Kota Balikpapan Tahun 2025 Nomor 4) — as cited in Pasal I."""
        return f"{self.sebutan} ({self.berita_daerah})"

    # --- navigation ---------------------------------------------------------------------------

    def iter_pasal(self) -> Iterator[tuple[Bab, Pasal]]:
        for b in self.bab:
            for p in b.pasal:
                yield b, p

    @property
    def pasal_numbers(self) -> list[str]:
        return [p.number for _, p in self.iter_pasal()]

    def pasal(self, number: str) -> Pasal | None:
        for _, p in self.iter_pasal():
            if p.number == number:
                return p
        return None

    def bab_of(self, pasal_number: str) -> Bab | None:
        for b, p in self.iter_pasal():
            if p.number == pasal_number:
                return b
        return None

    def chapter(self, number: str) -> Bab | None:
        for b in self.bab:
            if b.number == number:
                return b
        return None

    def replace_pasal(self, number: str, new: Pasal | None, *, after: Iterable[Pasal] = ()) -> "Act":
        """A copy with Pasal `number` replaced by `new` (or kept when None) and `after` inserted
        right behind it."""
        extra = tuple(after)
        babs = []
        for b in self.bab:
            out = []
            for p in b.pasal:
                out.append(p if new is None or p.number != number else new)
                if p.number == number:
                    out.extend(extra)
            babs.append(replace(b, pasal=tuple(out)))
        return replace(self, bab=tuple(babs))

    def insert_bab(self, after: str, new: Bab) -> "Act":
        babs = []
        for b in self.bab:
            babs.append(b)
            if b.number == after:
                babs.append(new)
        return replace(self, bab=tuple(babs))


def _n(value) -> str:
    return ELLIPSIS if value is None else str(value)


# --- loading ------------------------------------------------------------------------------------


def load_act(path: str | Path) -> Act:
    """Read an act from its YAML file; errors name the place in Indonesian."""
    p = Path(path)
    return act_from_dict(read_data(p, ActError, "berkas naskah"), source=p.name, folder=p.parent)


_ACT_KEYS = {"ilustratif", "keterangan", "jenis", "daerah", "provinsi", "nomor", "tahun", "tentang",
             "berita_daerah", "menimbang", "mengingat", "bab", "penutup"}


def act_from_dict(data: dict, source: str = "naskah", folder: Path | None = None) -> Act:
    """`{kode: …}` entries of Mengingat are cited from `folder`'s dasar-hukum.yaml, or from the
    drafts folder's when `folder` has none (`rentan.legal.dasar.citations_file`)."""
    where = source
    _mapping(data, where)
    _keys(data, _ACT_KEYS, where, required={"tentang", "bab"})
    bd = data.get("berita_daerah") or {}
    _keys(bd, {"tahun", "nomor"}, f"{where}: berita_daerah")
    penutup = data.get("penutup") or {}
    _keys(penutup, {"ditetapkan", "diundangkan"}, f"{where}: penutup")
    babs = tuple(bab_from_dict(b, f"{where}: bab[{i + 1}]") for i, b in enumerate(_list(data["bab"], f"{where}: bab")))
    act = Act(
        tentang=_str(data["tentang"], f"{where}: tentang"),
        bab=babs,
        nomor=data.get("nomor"),
        tahun=data.get("tahun"),
        jenis=data.get("jenis", "Peraturan Wali Kota"),
        daerah=data.get("daerah", "Balikpapan"),
        provinsi=data.get("provinsi", "Kalimantan Timur"),
        berita_daerah_tahun=bd.get("tahun"),
        berita_daerah_nomor=bd.get("nomor"),
        menimbang=tuple(_str(s, f"{where}: menimbang[{i + 1}]") for i, s in enumerate(data.get("menimbang") or [])),
        mengingat=mengingat_from_list(data.get("mengingat") or [], f"{where}: mengingat", folder),
        ditetapkan=signature_from_dict(penutup.get("ditetapkan"), f"{where}: penutup.ditetapkan"),
        diundangkan=signature_from_dict(penutup.get("diundangkan"), f"{where}: penutup.diundangkan"),
        ilustratif=bool(data.get("ilustratif", False)),
        keterangan=str(data.get("keterangan") or "").strip(),
    )
    check_numbering(act, where)
    return act


YANG_DIUBAH = "peraturan_yang_diubah"  # Mengingat code: the act an amendment amends (filled by the amendment)
MARK_YANG_DIUBAH = "{peraturan yang diubah}"


def mengingat_from_list(entries: list, where: str, folder: Path | None = None, *,
                        amended: bool = False) -> tuple[str, ...]:
    """Mengingat entries: text as written ("…;"), or `{kode: uu_40_2004}` — the `kutipan` of
    drafts/dasar-hukum.yaml followed by ";", so that an act is cited the same way in every
    document. In an amendment, `{kode: peraturan_yang_diubah}` stands for the act it amends
    (`MARK_YANG_DIUBAH` until the amendment is drafted against it: `Amendment.mengingat_bagi`)."""
    if not isinstance(entries, list):
        raise ActError(f"{where}: harus berupa daftar")
    out = []
    for i, e in enumerate(entries):
        w = f"{where}[{i + 1}]"
        if isinstance(e, dict):
            _keys(e, {"kode"}, w, required={"kode"})
            kode = str(e["kode"])
            if kode == YANG_DIUBAH:
                if not amended:
                    raise ActError(f"{w}: {YANG_DIUBAH} hanya dipakai dalam naskah perubahan")
                out.append(MARK_YANG_DIUBAH)
                continue
            try:
                out.append(citation(kode, folder=folder).kutipan + ";")
            except CitationError as err:
                raise ActError(f"{w}: {err}") from None
        else:
            out.append(_str(e, w))
    return tuple(out)


def signature_from_dict(d: Any, where: str) -> Penandatangan | None:
    if d is None:
        return None
    _mapping(d, where)
    _keys(d, {"tempat", "tanggal", "jabatan", "nama"}, where, required={"tempat", "jabatan", "nama"})
    t = d.get("tanggal")
    if t is not None and not isinstance(t, dt.date):
        raise ActError(f"{where}: tanggal harus ditulis YYYY-MM-DD atau dikosongkan (null)")
    return Penandatangan(tempat=str(d["tempat"]), jabatan=str(d["jabatan"]), nama=str(d["nama"]), tanggal=t)


def bab_from_dict(d: Any, where: str) -> Bab:
    _mapping(d, where)
    _keys(d, {"nomor", "judul", "pasal"}, where, required={"nomor", "judul", "pasal"})
    number = str(d["nomor"])
    where = f"{where} (BAB {number})"
    pasal = tuple(pasal_from_dict(p, f"{where}: pasal[{i + 1}]") for i, p in enumerate(_list(d["pasal"], f"{where}: pasal")))
    return Bab(number=number, title=_str(d["judul"], f"{where}: judul"), pasal=pasal)


_PASAL_KEYS = {"nomor", "ayat", "teks", "huruf", "angka", "paragraf"}


def pasal_from_dict(d: Any, where: str, number: str | None = None) -> Pasal:
    """An article; `number` is used when the mapping has no `nomor` (an amendment's new text)."""
    _mapping(d, where)
    if "nomor" in d:
        num = str(d["nomor"])
        if number is not None and num != number:
            raise ActError(f"{where}: nomor pasal {num} tidak sama dengan pasal yang dituju ({number})")
    elif number is not None:
        num = number
    else:
        raise ActError(f"{where}: nomor pasal wajib diisi")
    where = f"{where} (Pasal {num})"
    _keys(d, _PASAL_KEYS, where)
    paragraphs: list[Ayat] = []
    if "ayat" in d:
        if "teks" in d or "huruf" in d or "angka" in d:
            raise ActError(f"{where}: pasal dengan ayat tidak boleh juga memuat teks/huruf/angka langsung")
        paragraphs.extend(ayat_list(d["ayat"], f"{where}: ayat"))
    elif "teks" in d:
        paragraphs.append(ayat_from_dict({k: d[k] for k in ("teks", "huruf", "angka") if k in d}, where, None))
    elif "huruf" in d or "angka" in d:
        raise ActError(f"{where}: rincian huruf/angka memerlukan kalimat pengantar (teks)")
    if "paragraf" in d:
        paragraphs.extend(ayat_from_dict(p, f"{where}: paragraf[{i + 1}]", None)
                          for i, p in enumerate(_list(d["paragraf"], f"{where}: paragraf")))
    if not paragraphs:
        raise ActError(f"{where}: pasal tidak berisi ayat maupun teks")
    return Pasal(number=num, paragraphs=tuple(paragraphs))


def ayat_list(entries: Any, where: str, start: int = 1) -> list[Ayat]:
    entries = _list(entries, where)
    explicit = [isinstance(e, dict) and "nomor" in e for e in entries]
    if any(explicit) and not all(explicit):
        raise ActError(f"{where}: nomor ayat ditulis pada sebagian ayat saja; tulis pada semua ayat atau tidak sama sekali")
    return [ayat_from_dict(e, f"{where}[{i + 1}]", None if all(explicit) else str(start + i), numbered=True)
            for i, e in enumerate(entries)]


def ayat_from_dict(d: Any, where: str, number: str | None, numbered: bool = False) -> Ayat:
    if isinstance(d, str):
        return Ayat(number=number, text=_str(d, where))
    _mapping(d, where)
    _keys(d, {"nomor", "teks", "huruf", "angka"}, where, required={"teks"})
    if "nomor" in d:
        if not numbered:
            raise ActError(f"{where}: paragraf tanpa nomor tidak boleh diberi nomor")
        number = str(d["nomor"])
    items = items_from_dict(d, where)
    return Ayat(number=number, text=_str(d["teks"], where), items=items)


def items_from_dict(d: dict, where: str) -> tuple[Butir, ...]:
    if "huruf" in d and "angka" in d:
        raise ActError(f"{where}: satu kalimat hanya boleh memuat satu rincian (huruf atau angka)")
    for kind in ("huruf", "angka"):
        if kind in d:
            entries = _list(d[kind], f"{where}: {kind}")
            explicit = [isinstance(e, dict) and "nomor" in e for e in entries]
            if any(explicit) and not all(explicit):
                raise ActError(f"{where}: nomor {kind} ditulis pada sebagian rincian saja")
            out = []
            for i, e in enumerate(entries):
                label = None if all(explicit) else (huruf(i + 1) if kind == "huruf" else str(i + 1))
                out.append(butir_from_dict(e, f"{where}: {kind}[{i + 1}]", label, kind))
            return tuple(out)
    return ()


def butir_from_dict(d: Any, where: str, label: str | None, kind: str) -> Butir:
    if isinstance(d, str):
        if label is None:
            raise ActError(f"{where}: nomor rincian wajib diisi")
        return Butir(label=label, text=_str(d, where))
    _mapping(d, where)
    _keys(d, {"nomor", "teks", "huruf", "angka"}, where, required={"teks"})
    if "nomor" in d:
        label = str(d["nomor"])
    if label is None:
        raise ActError(f"{where}: nomor rincian wajib diisi")
    if (kind == "huruf") != is_letter_label(label):
        raise ActError(f"{where}: nomor {label!r} bukan nomor {kind}")
    return Butir(label=label, text=_str(d["teks"], where), items=items_from_dict(d, where))


def check_numbering(act: Act, where: str = "naskah") -> None:
    """BAB, Pasal (straight through the act), ayat and list items must be in increasing order."""
    _increasing([b.number for b in act.bab], "BAB", where, roman=True)
    _increasing(act.pasal_numbers, "Pasal", where)
    for _, p in act.iter_pasal():
        check_pasal_numbering(p, where)


def check_pasal_numbering(p: Pasal, where: str = "naskah") -> None:
    numbered = [a.number for a in p.paragraphs if a.number is not None]
    _increasing(numbered, f"ayat pada Pasal {p.number}", where)
    first_plain = next((i for i, a in enumerate(p.paragraphs) if a.number is None), len(p.paragraphs))
    if any(a.number is not None for a in p.paragraphs[first_plain:]):
        raise ActError(f"{where}: Pasal {p.number}: paragraf tanpa nomor hanya boleh sesudah ayat terakhir")
    for a in p.paragraphs:
        _check_items(a.items, f"{where}: Pasal {p.number}")


def _check_items(items: tuple[Butir, ...], where: str) -> None:
    labels = [b.label for b in items]
    kinds = {b.kind for b in items}
    if len(kinds) > 1:
        raise ActError(f"{where}: satu rincian mencampur huruf dan angka ({', '.join(labels)})")
    _increasing(labels, "rincian", where)
    for b in items:
        _check_items(b.items, where)


def _increasing(numbers: list[str], what: str, where: str, roman: bool = False) -> None:
    try:
        keys = [sort_key(n, roman=roman) for n in numbers]
    except ValueError as e:
        raise ActError(f"{where}: {what}: {e}") from None
    if len(set(numbers)) != len(numbers):
        dup = next(n for n in numbers if numbers.count(n) > 1)
        raise ActError(f"{where}: nomor {what} {dup} dipakai lebih dari sekali")
    for a, b, ka, kb in zip(numbers, numbers[1:], keys, keys[1:]):
        if kb <= ka:
            raise ActError(f"{where}: nomor {what} tidak berurutan ({a} lalu {b})")


def _mapping(d: Any, where: str) -> None:
    if not isinstance(d, dict):
        raise ActError(f"{where}: harus berupa pemetaan (kunci: nilai), bukan {type(d).__name__}")


def _list(d: Any, where: str) -> list:
    if not isinstance(d, list) or not d:
        raise ActError(f"{where}: harus berupa daftar yang tidak kosong")
    return d


def _keys(d: dict, allowed: set[str], where: str, required: set[str] = frozenset()) -> None:
    unknown = sorted(set(d) - allowed)
    if unknown:
        raise ActError(f"{where}: kunci tidak dikenal: {', '.join(unknown)}")
    missing = sorted(required - set(d))
    if missing:
        raise ActError(f"{where}: kunci wajib tidak ada: {', '.join(missing)}")


def _str(v: Any, where: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ActError(f"{where}: teks wajib diisi")
    return " ".join(v.split())


# --- rendering ----------------------------------------------------------------------------------


def item_label(label: str, depth: int) -> str:
    """a. / 1. at the first two list levels, a) / 1) below (Lampiran II: a. → 1. → a) → 1))."""
    return f"{label}." if depth <= 2 else f"{label})"


def _notes(notes: tuple[str, ...], level: int, annotate: bool) -> list[Block]:
    if not annotate:
        return []
    return [Block("catatan", f"[{n}]", level=level) for n in notes]


def butir_blocks(items: Iterable[Butir], depth: int = 1, annotate: bool = False) -> list[Block]:
    out: list[Block] = []
    for b in items:
        label = item_label(b.label, depth)
        if b.deleted:
            out.append(Block("butir", DIHAPUS, label=label, level=depth))
        else:
            out.append(Block("butir", b.text, label=label, level=depth))
            out.extend(butir_blocks(b.items, depth + 1, annotate))
        out.extend(_notes(b.notes, depth, annotate))
    return out


def paragraph_blocks(a: Ayat, annotate: bool = False) -> list[Block]:
    if a.number is None:
        head = Block("paragraf", DIHAPUS if a.deleted else a.text)
    else:
        head = Block("ayat", DIHAPUS if a.deleted else a.text, label=f"({a.number})")
    out = [head]
    if not a.deleted:
        out.extend(butir_blocks(a.items, 1, annotate))
    out.extend(_notes(a.notes, 0, annotate))
    return out


def pasal_blocks(p: Pasal, annotate: bool = False) -> list[Block]:
    """"Pasal 6", then its ayat and lists; a deleted article reads "Dihapus."."""
    out = [Block("pasal", f"Pasal {p.number}")]
    if p.deleted:
        out.append(Block("paragraf", DIHAPUS))
    else:
        for a in p.paragraphs:
            out.extend(paragraph_blocks(a, annotate))
    out.extend(_notes(p.notes, 0, annotate))
    return out


def bab_heading_blocks(b: Bab, annotate: bool = False) -> list[Block]:
    return [Block("bab", f"BAB {b.number}"), Block("bab_judul", b.title), *_notes(b.notes, 0, annotate)]


def bab_blocks(b: Bab, annotate: bool = False) -> list[Block]:
    out = bab_heading_blocks(b, annotate)
    for p in b.pasal:
        out.extend(pasal_blocks(p, annotate))
    return out


def body_blocks(act: Act, annotate: bool = False) -> list[Block]:
    """The batang tubuh: every BAB with its articles."""
    out: list[Block] = []
    for b in act.bab:
        out.extend(bab_blocks(b, annotate))
    return out


def title_blocks(act: Act, *, rancangan: bool = False) -> list[Block]:
    out = [Block("kop", act.jabatan), Block("kop", f"PROVINSI {act.provinsi.upper()}")]
    if rancangan:
        out.append(Block("judul", "RANCANGAN"))
    out += [
        Block("judul", f"{act.jenis} {act.daerah}".upper()),
        Block("judul", f"NOMOR {_n(act.nomor)} TAHUN {_n(act.tahun)}"),
        Block("judul", "TENTANG"),
        Block("judul", act.tentang.upper()),
    ]
    return out


def menimbang_blocks(items: Iterable[str]) -> list[Block]:
    return [Block("menimbang", s, label=f"{huruf(i + 1)}.", head="Menimbang" if i == 0 else "")
            for i, s in enumerate(items)]


def mengingat_blocks(items: Iterable[str]) -> list[Block]:
    return [Block("mengingat", s, label=f"{i + 1}.", head="Mengingat" if i == 0 else "")
            for i, s in enumerate(items)]


def opening_blocks(act: Act, menimbang: Iterable[str], mengingat: Iterable[str], menetapkan: str) -> list[Block]:
    return [
        Block("pembukaan", "DENGAN RAHMAT TUHAN YANG MAHA ESA"),
        Block("jabatan", f"{act.jabatan},"),
        *menimbang_blocks(menimbang),
        *mengingat_blocks(mengingat),
        Block("memutuskan", "MEMUTUSKAN:"),
        Block("menetapkan", menetapkan, head="Menetapkan"),
    ]


def signature_blocks(sig: Penandatangan | None, verb: str, group: str) -> list[Block]:
    if sig is None:
        return []
    when = tanggal_panjang(sig.tanggal) if sig.tanggal else ELLIPSIS
    return [
        Block("penutup", f"{verb} di {sig.tempat}", group=group, role="tempat"),
        Block("penutup", f"pada tanggal {when}", group=group, role="tanggal"),
        Block("penutup", f"{sig.jabatan},", group=group, role="jabatan"),
        Block("penutup", sig.nama, group=group, role="nama"),
    ]


def closing_blocks(ditetapkan: Penandatangan | None, diundangkan: Penandatangan | None,
                   bd_daerah: str, bd_tahun: int | None, bd_nomor: int | None) -> list[Block]:
    return [
        *signature_blocks(ditetapkan, "Ditetapkan", "ditetapkan"),
        *signature_blocks(diundangkan, "Diundangkan", "diundangkan"),
        Block("berita_daerah", f"BERITA DAERAH KOTA {bd_daerah.upper()} TAHUN {_n(bd_tahun)} NOMOR {_n(bd_nomor)}"),
    ]


def act_blocks(act: Act, *, annotate: bool = False) -> list[Block]:
    """The whole act as text: kop and title, pembukaan, batang tubuh, penutup."""
    return [
        *title_blocks(act),
        *opening_blocks(act, act.menimbang, act.mengingat,
                        f"{act.jenis.upper()} TENTANG {act.tentang.upper()}."),
        *body_blocks(act, annotate),
        *closing_blocks(act.ditetapkan, act.diundangkan, act.daerah, act.berita_daerah_tahun,
                        act.berita_daerah_nomor),
    ]
