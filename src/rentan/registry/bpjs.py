"""The round trip with BPJS Ketenagakerjaan: what we send (validation requests, registrations) and
what comes back (validation answers, KPJ numbers, the monthly bill), matched against exactly what
was sent and applied all at once or not at all.

The spreadsheets' columns are settings (`rentan/data/bpjs/*.toml`, one file per exchange; an overlay
in RENTAN_TAMBAHAN may replace them), because BPJS branches use their own layouts.

An answer that does not match its request — a NIK we never sent, a row whose name or birth date was
changed, a person of the request missing from the answer, a blank or unknown result, a refusal
without its reason — is reported row by row (masked NIKs, never names) and applies nothing, unless
the clerk accepts it partly (`sebagian`: the matching rows are applied, the rest stays as it was).
Importing the same answer twice changes nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from sqlalchemy import delete, func, insert, select, update

from rentan.datafiles import read_data
from rentan.errors import Refusal, mask_numbers
from rentan.idfmt import mask_nik, ribuan, rupiah, tanggal
from rentan.program import program
from rentan.registry import cells
from rentan.registry.cells import CellError
from rentan.registry.coverage import covered, parse_period, period_key
from rentan.registry.desk import Desk, open_desk, reader
from rentan.registry.models import (BpjsKiriman, BpjsKirimanBaris, BpjsTagihan, BpjsTagihanBaris, Kepesertaan,
                                    Peserta, Status)
from rentan.registry.participation import in_year, set_status
from rentan.registry.sheets import SheetError, columns, is_blank, read_table
from rentan.registry.snapshot import Anggota
from rentan.wilayah import KECAMATAN_BY_KODE, KELURAHAN_BY_KODE

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "bpjs"
DITERIMA, DITOLAK = "diterima", "ditolak"
KPJ = re.compile(r"^\d{11}$")
KODE_IURAN = re.compile(r"\b(\d{11})\b")


class BpjsError(Refusal):
    pass


# --- layouts ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Kolom:
    judul: str
    isi: str
    nama_lain: tuple[str, ...] = ()


@dataclass(frozen=True)
class Susunan:
    nama: str
    kolom: tuple[Kolom, ...]
    lembar: str = "Data"
    kode_iuran: tuple[str, ...] = ()

    @property
    def headers(self) -> list[str]:
        return [k.judul for k in self.kolom]

    def columns(self):
        return columns(*((k.isi, k.judul, [k.judul, *k.nama_lain]) for k in self.kolom))


@lru_cache(maxsize=16)
def _susunan(path: str, overlay: str | None) -> Susunan:
    d = read_data(path, BpjsError, "susunan kolom pertukaran BPJS")
    try:
        kolom = tuple(Kolom(k["judul"], k["isi"], tuple(k.get("nama_lain", ()))) for k in d["kolom"])
    except (KeyError, TypeError):
        raise BpjsError(f"{Path(path).name}: setiap kolom harus menyebut `judul` dan `isi`") from None
    return Susunan(Path(path).stem, kolom, d.get("lembar", "Data"), tuple(d.get("kode_iuran", ())))


def susunan(nama: str) -> Susunan:
    """The column layout of one exchange (data/bpjs/<nama>.toml, or its overlay)."""
    import os
    from rentan.datafiles import OVERLAY
    return _susunan(str(LAYOUTS / f"{nama}.toml"), os.environ.get(OVERLAY))


def _value(a: Anggota, isi: str, no: int, extra: dict):
    prog = program()
    if isi in extra:
        return extra[isi]
    return {"no": no, "nik": a.nik, "kpj": a.kpj or "", "nama": a.nama, "tempat_lahir": a.tempat_lahir,
            "tanggal_lahir": a.tanggal_lahir, "jenis_kelamin": a.jenis_kelamin, "alamat": a.alamat,
            "kelurahan": KELURAHAN_BY_KODE[a.kelurahan_kode].nama, "kecamatan": KECAMATAN_BY_KODE[a.kecamatan_kode].nama,
            "pekerjaan": a.pekerjaan,
            "sektor": prog.sektor[a.sektor].nama if a.sektor in prog.sektor else a.sektor}.get(isi, "")


def sheet(layout: Susunan, people: Iterable[Anggota], extra: dict[str, dict] | None = None
          ) -> dict[str, tuple[list[str], list[list]]]:
    """{sheet: (headers, rows)} for rentan.xlsx.write_rows_atomic; `extra[nik]` supplies values that
    are not the person's own (a month's change, its reason and date)."""
    extra = extra or {}
    rows = [[_value(a, k.isi, i, extra.get(a.nik, {})) for k in layout.kolom] for i, a in enumerate(people, 1)]
    return {layout.lembar: (layout.headers, rows)}


# --- what was sent ---------------------------------------------------------------------------------

def record_sent(desk: Desk, jenis: str, tahun: int, kunci: str, people: Iterable[Anggota]) -> int:
    """Keep, for the answer to be matched against, who was sent and as whom."""
    k = BpjsKiriman(jenis=jenis, tahun=tahun, kunci=kunci, dibuat=desk.now)
    desk._s.add(k)
    desk._s.flush()
    rows = [{"kiriman_id": k.id, "peserta_id": a.peserta_id, "nik": a.nik, "nama": a.nama,
             "tanggal_lahir": a.tanggal_lahir} for a in people]
    for i in range(0, len(rows), 5000):
        desk._s.execute(insert(BpjsKirimanBaris), rows[i:i + 5000])
    return len(rows)


def requests_sent(desk: Desk, jenis: str, tahun: int) -> int:
    """How many lists of kind `jenis` (validasi, registrasi) were sent for coverage year `tahun`."""
    return desk._s.scalar(select(func.count()).select_from(BpjsKiriman).where(
        BpjsKiriman.jenis == jenis, BpjsKiriman.tahun == tahun)) or 0


def decree_numbers(desk: Desk, tahun: int) -> list[str]:
    """The numbers of the year's final SK penetapan peserta, in the order they were issued."""
    from rentan.registry.models import NaskahTerbit
    return [n for n in desk._s.scalars(select(NaskahTerbit.nomor).where(
        NaskahTerbit.jenis == "sk-peserta", NaskahTerbit.tahun == tahun, NaskahTerbit.konsep.is_(False),
        NaskahTerbit.nomor.is_not(None)).order_by(NaskahTerbit.id)) if n]


def to_validate(desk: Desk, tahun: int) -> list[Anggota]:
    """The year's verified candidates BPJS has not answered for yet, not already in a request
    still waiting for its answer."""
    sent = select(BpjsKirimanBaris.peserta_id).join(BpjsKiriman, BpjsKiriman.id == BpjsKirimanBaris.kiriman_id)\
        .where(BpjsKiriman.jenis == "validasi", BpjsKiriman.tahun == tahun)
    return in_year(desk, tahun, Kepesertaan.status == Status.TERVERIFIKASI.value, Kepesertaan.validasi.is_(None),
                   Peserta.id.not_in(sent))


def to_register(desk: Desk, tahun: int, nomor_sk: str) -> list[Anggota]:
    """The decree's participants without a KPJ, not yet in a registration list."""
    sent = select(BpjsKirimanBaris.peserta_id).join(BpjsKiriman, BpjsKiriman.id == BpjsKirimanBaris.kiriman_id)\
        .where(BpjsKiriman.jenis == "registrasi", BpjsKiriman.tahun == tahun)
    return in_year(desk, tahun, Kepesertaan.nomor_sk == nomor_sk, Peserta.kpj.is_(None), Peserta.id.not_in(sent))


def _sent(desk: Desk, jenis: str, niks: list[str]) -> dict[str, BpjsKirimanBaris]:
    """The latest request row of each NIK."""
    out: dict[str, BpjsKirimanBaris] = {}
    for i in range(0, len(niks), 5000):
        q = (select(BpjsKirimanBaris).join(BpjsKiriman, BpjsKiriman.id == BpjsKirimanBaris.kiriman_id)
             .where(BpjsKiriman.jenis == jenis, BpjsKirimanBaris.nik.in_(niks[i:i + 5000]))
             .order_by(BpjsKirimanBaris.id))
        for r in desk._s.scalars(q):
            out[r.nik] = r
    return out


def _request_rows(desk: Desk, kiriman_ids: set[int]) -> list[BpjsKirimanBaris]:
    return list(desk._s.scalars(select(BpjsKirimanBaris).where(BpjsKirimanBaris.kiriman_id.in_(kiriman_ids))))


# --- answers ---------------------------------------------------------------------------------------

@dataclass
class Jawaban:
    """The outcome of importing an answer from BPJS (counts, row numbers, masked NIKs only)."""
    berkas: str
    dibaca: int
    diterapkan: bool = False
    diterima: int = 0
    ditolak: int = 0
    diisi: int = 0  # KPJ numbers filled in
    tidak_berubah: int = 0
    dilewati: int = 0  # rows that are not a person's: a totals row, a note, a signature
    dilaporkan: list[tuple[int, str]] = field(default_factory=list)  # (row, why), row 0: not in the file

    @property
    def sesuai(self) -> bool:
        return not self.dilaporkan

    def lines(self) -> list[str]:
        parts = [f"{ribuan(self.dibaca)} baris"]
        if self.diterima or self.ditolak:
            parts.append(f"{ribuan(self.diterima)} diterima, {ribuan(self.ditolak)} ditolak")
        if self.diisi:
            parts.append(f"{ribuan(self.diisi)} nomor KPJ diisi")
        parts.append(f"{ribuan(self.tidak_berubah)} sudah tercatat sama")
        if self.dilewati:
            parts.append(f"{ribuan(self.dilewati)} baris bukan data peserta dilewati")
        parts.append(f"{ribuan(len(self.dilaporkan))} tidak sesuai permintaan")
        out = [f"Jawaban BPJS {self.berkas}: " + "; ".join(parts) + "."]
        if self.dilaporkan and not self.diterapkan:
            out.append("Tidak ada yang diterapkan: jawaban tidak sesuai dengan yang kami kirim. Perbaiki jawabannya "
                       "(atau minta BPJS mengirim ulang), atau terima sebagian dengan pilihan --sebagian.")
        elif self.dilaporkan:
            out.append("Diterima sebagian: baris yang sesuai diterapkan; yang di bawah ini tidak.")
        out += [f"  {'baris ' + str(b) if b else 'tidak ada di jawaban'}: {why}" for b, why in self.dilaporkan[:30]]
        if len(self.dilaporkan) > 30:
            out.append(f"  … dan {ribuan(len(self.dilaporkan) - 30)} lainnya")
        return [mask_numbers(x) for x in out]


_HASIL = {"diterima": DITERIMA, "terima": DITERIMA, "valid": DITERIMA, "sesuai": DITERIMA, "ok": DITERIMA,
          "ditolak": DITOLAK, "tolak": DITOLAK, "tidak valid": DITOLAK, "invalid": DITOLAK, "tidak sesuai": DITOLAK}
_NOT_A_PERSON = re.compile(r"(jumlah|total|sub\s*total|grand\s*total|jml|rekap|mengetahui|dicetak|keterangan"
                           r"|catatan|petugas|kepala|ttd|halaman)\b")


def _nik(value) -> str:
    """A NIK cell of BPJS's file as 16 digits (it can only match a NIK we sent, or not)."""
    d = cells.nik(value)
    if len(d) != 16 or not d.isdigit():
        raise CellError(f"NIK harus 16 digit angka (tertulis {len(d)} digit)")
    return d


@dataclass
class _Answer:
    """An answer file read against what was sent: the rows that answer a request row, in order."""
    table: object
    jenis: str
    matched: list[tuple[int, list, BpjsKirimanBaris]]
    kiriman: set[int]  # the requests it answers
    answered: set[int]  # the people it answers (peserta ids), matched or not

    def cell(self, row, f):
        i = self.table.mapping.get(f)
        return None if i is None or i >= len(row) else row[i]


def _read_answer(desk: Desk, path: Path, layout: Susunan, jenis: str, required: list[tuple[str, ...]],
                 res: Jawaban, check_birth: bool) -> _Answer:
    """Match each row of an answer to the latest request row for its NIK, reporting a NIK that is
    unreadable, not requested or answered twice, and a name or birth date not as we sent it."""
    table = read_table(path, layout.columns(), required)
    res.dibaca = len(table.rows)
    ans = _Answer(table, jenis, [], set(), set())
    niks: dict[int, str] = {}
    for baris, row in table.rows:
        raw = ans.cell(row, "nik")
        if is_blank(raw):
            texts = " ".join(cells.text(c).lower() for c in row if isinstance(c, str))
            if not texts or _NOT_A_PERSON.search(texts) or is_blank(ans.cell(row, "nama")):
                res.dilewati += 1
                continue
        try:
            niks[baris] = _nik(raw)
        except CellError as e:
            res.dilaporkan.append((baris, str(e) if str(e).startswith("NIK") else f"NIK: {e}"))
    sent = _sent(desk, jenis, list(set(niks.values())))
    seen: set[str] = set()
    for baris, row in table.rows:
        nik = niks.get(baris)
        if nik is None:
            continue
        s = sent.get(nik)
        if s is None:
            res.dilaporkan.append((baris, f"NIK {mask_nik(nik)} tidak ada dalam {_WHAT_SENT[jenis]} yang kami kirim"))
            continue
        ans.kiriman.add(s.kiriman_id)
        ans.answered.add(s.peserta_id)
        if nik in seen:
            res.dilaporkan.append((baris, f"NIK {mask_nik(nik)} muncul lebih dari sekali"))
            continue
        seen.add(nik)
        altered = _same_identity(s, ans.cell(row, "nama"), ans.cell(row, "tanggal_lahir") if check_birth else None)
        if altered:
            res.dilaporkan.append((baris, f"NIK {mask_nik(nik)}: {altered}"))
            continue
        ans.matched.append((baris, row, s))
    return ans


_WHAT_SENT = {"validasi": "permohonan validasi", "registrasi": "daftar pendaftaran"}


def _same_identity(sent: BpjsKirimanBaris, nama, lahir) -> str | None:
    if not is_blank(nama) and " ".join(cells.text(nama).upper().split()) != " ".join(sent.nama.upper().split()):
        return "nama tidak sama dengan yang kami kirim"
    if not is_blank(lahir):
        try:
            if cells.date(lahir) != sent.tanggal_lahir:
                return "tanggal lahir tidak sama dengan yang kami kirim"
        except CellError as e:
            return f"tanggal lahir tidak terbaca ({e})"
    return None


def _unanswered(desk: Desk, ans: _Answer, still_open, res: Jawaban) -> None:
    """Report each person of the requests this answer answers who is missing from it and still
    waits for an answer (`still_open(peserta_id)`)."""
    for r in _request_rows(desk, ans.kiriman):
        if r.peserta_id not in ans.answered and still_open(r.peserta_id):
            res.dilaporkan.append((0, f"NIK {mask_nik(r.nik)} ada dalam {_WHAT_SENT[ans.jenis]} kami tetapi "
                                      "tidak dijawab"))


def import_validasi(path: str | Path, *, sebagian: bool = False, oleh: str | None = None,
                    url: str | None = None) -> Jawaban:
    """BPJS's answer to a validation request: per NIK accepted, or refused with its reason. A refused
    person becomes `ditolak` for that year, with BPJS's reason, and is left out of the SK."""
    path = Path(path)
    res = Jawaban(path.name, 0)
    with open_desk(url, oleh) as desk:
        ans = _read_answer(desk, path, susunan("validasi-jawaban"), "validasi", [("nik",), ("hasil",)], res, True)
        years = dict(desk._s.execute(select(BpjsKiriman.id, BpjsKiriman.tahun)
                                     .where(BpjsKiriman.id.in_(ans.kiriman))).all()) if ans.kiriman else {}
        rows: dict[tuple[int, int], Anggota] = {}
        for tahun in set(years.values()):
            rows.update({(tahun, a.peserta_id): a for a in in_year(desk, tahun)})
        changes, reasons = [], {}
        for baris, row, s in ans.matched:
            nik = s.nik
            written = cells.text(ans.cell(row, "hasil"))
            hasil = _HASIL.get(" ".join(written.lower().split()))
            alasan = cells.text(ans.cell(row, "alasan")) or None
            if hasil is None:
                res.dilaporkan.append((baris, f"NIK {mask_nik(nik)}: hasil validasi {cells.quote(written)} harus "
                                              "Diterima atau Ditolak" if written else
                                       f"NIK {mask_nik(nik)}: hasil validasi kosong"))
                continue
            if hasil == DITOLAK and not alasan:
                res.dilaporkan.append((baris, f"NIK {mask_nik(nik)}: ditolak tanpa alasan; alasan penolakan BPJS "
                                              "wajib ada"))
                continue
            if hasil == DITERIMA:
                alasan = None
            a = rows.get((years[s.kiriman_id], s.peserta_id))
            if a is None:
                res.dilaporkan.append((baris, f"NIK {mask_nik(nik)}: tidak lagi calon peserta tahun "
                                              f"{years[s.kiriman_id]}"))
                continue
            if (a.validasi, a.alasan_validasi) == (hasil, alasan):
                res.tidak_berubah += 1
                continue
            if a.status != Status.TERVERIFIKASI.value and not (a.status == Status.DITOLAK.value and a.validasi):
                res.dilaporkan.append((baris, f"NIK {mask_nik(nik)}: berstatus {a.status}, bukan calon yang "
                                              "menunggu validasi"))
                continue
            values = {"validasi": hasil, "alasan_validasi": alasan}
            if hasil == DITOLAK:
                values |= {"status": Status.DITOLAK.value, "alasan_status": f"ditolak BPJS Ketenagakerjaan pada "
                                                                             f"validasi: {alasan}"}
            else:
                values |= {"status": Status.TERVERIFIKASI.value, "alasan_status": None}
            changes.append((a, values))
            reasons[a.kepesertaan_id] = (f"validasi BPJS Ketenagakerjaan: {hasil}" + (f" — {alasan}" if alasan else "")
                                         + f" ({path.name})")
            res.diterima += hasil == DITERIMA
            res.ditolak += hasil == DITOLAK
        by_person = {pid: a for (_, pid), a in rows.items()}
        _unanswered(desk, ans, lambda pid: pid in by_person and by_person[pid].validasi is None, res)
        res.dilaporkan.sort()
        if res.dilaporkan and not sebagian:
            res.diterima = res.ditolak = 0
            return res
        set_status(desk, changes, "validasi_bpjs", lambda a: reasons[a.kepesertaan_id])
        res.diterapkan = True
    return res


def import_kpj(path: str | Path, *, sebagian: bool = False, oleh: str | None = None,
               url: str | None = None) -> Jawaban:
    """BPJS's answer to a registration: the KPJ number of each participant registered."""
    from rentan.registry import audit
    path = Path(path)
    res = Jawaban(path.name, 0)
    with open_desk(url, oleh) as desk:
        ans = _read_answer(desk, path, susunan("registrasi-jawaban"), "registrasi", [("nik",), ("kpj",)], res, False)
        ids = [s.peserta_id for _, _, s in ans.matched]
        people = {}
        for i in range(0, len(ids), 5000):
            people.update({p.id: p for p in desk._s.scalars(select(Peserta).where(Peserta.id.in_(ids[i:i + 5000])))})
        taken = dict(desk._s.execute(select(Peserta.kpj, Peserta.id).where(Peserta.kpj.is_not(None))).all())
        updates, entries, given = [], [], {}
        for baris, row, s in ans.matched:
            written = cells.text(ans.cell(row, "kpj"))
            kpj = cells._ascii_digits(re.sub(r"[\s.\-']", "", written))
            if not KPJ.match(kpj):
                res.dilaporkan.append((baris, f"NIK {mask_nik(s.nik)}: nomor KPJ harus 11 digit angka"
                                              + (f" (tertulis {len(written)} karakter)" if written else " (kosong)")))
                continue
            owner = given.get(kpj, taken.get(kpj))
            if owner is not None and owner != s.peserta_id:
                res.dilaporkan.append((baris, f"NIK {mask_nik(s.nik)}: nomor KPJ ini sudah milik peserta lain"))
                continue
            p = people[s.peserta_id]
            if p.kpj == kpj:
                res.tidak_berubah += 1
                continue
            if p.kpj:
                res.dilaporkan.append((baris, f"NIK {mask_nik(s.nik)}: sudah bernomor KPJ lain; nomor tidak diganti"))
                continue
            given[kpj] = p.id
            updates.append({"id": p.id, "kpj": kpj})
            entries.append(audit.entry(p.nik, "kpj", desk.oleh, f"nomor KPJ dari BPJS Ketenagakerjaan ({path.name})",
                                       {"kpj": (p.kpj, kpj)}, desk.now))
            res.diisi += 1
        all_people = dict(desk._s.execute(select(Peserta.id, Peserta.kpj)).all()) if ans.kiriman else {}
        _unanswered(desk, ans, lambda pid: not all_people.get(pid), res)
        res.dilaporkan.sort()
        if res.dilaporkan and not sebagian:
            res.diisi = 0
            return res
        for i in range(0, len(updates), 5000):
            desk._s.execute(update(Peserta), updates[i:i + 5000])
        desk.audit(entries)
        res.diterapkan = True
    return res


# --- the monthly bill ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rekonsiliasi:
    """Our month against BPJS's bill for it (NIKs masked: it reaches messages)."""
    periode: str
    kode_iuran: str
    tagihan_peserta: int
    tagihan_jumlah: int
    kami_peserta: int
    kami_jumlah: int
    ditagih_bukan_kami: tuple[str, ...]  # masked NIKs billed that are not ours this month
    kami_tidak_ditagih: tuple[str, ...]  # ours, not billed
    beda_jumlah: tuple[tuple[str, int, int], ...]  # (masked NIK, billed, ours)
    catatan: str | None = None

    @property
    def selisih(self) -> int:
        return len(self.ditagih_bukan_kami) + len(self.kami_tidak_ditagih) + len(self.beda_jumlah)

    @property
    def cocok(self) -> bool:
        return self.selisih == 0 and self.tagihan_jumlah == self.kami_jumlah

    @property
    def dijelaskan(self) -> bool:
        return self.cocok or bool(self.catatan)

    def lines(self) -> list[str]:
        out = [f"Tagihan BPJS {self.periode} (kode iuran {self.kode_iuran}): {ribuan(self.tagihan_peserta)} peserta, "
               f"{rupiah(self.tagihan_jumlah)}; data kami: {ribuan(self.kami_peserta)} peserta, "
               f"{rupiah(self.kami_jumlah)}."]
        if self.cocok:
            out.append("Rekonsiliasi: cocok.")
            return out
        for label, items in (("ditagih tetapi bukan peserta kami bulan ini", self.ditagih_bukan_kami),
                             ("peserta kami yang tidak ditagih", self.kami_tidak_ditagih)):
            if items:
                out.append(f"  {ribuan(len(items))} {label}: " + ", ".join(items[:10])
                           + (" …" if len(items) > 10 else ""))
        if self.beda_jumlah:
            out.append(f"  {ribuan(len(self.beda_jumlah))} dengan jumlah berbeda: " + ", ".join(
                f"{n} ({rupiah(b)} ditagih, {rupiah(o)} menurut kami)" for n, b, o in self.beda_jumlah[:10]))
        out.append(f"Catatan petugas: {self.catatan}" if self.catatan else
                   "Selisih belum dijelaskan: surat iuran bulan ini ditolak sampai petugas mencatat penjelasannya "
                   "(rentan bpjs catat-selisih).")
        return out


def _read_bill(path: Path) -> tuple[str, list[tuple[int, str, str | None, int]], list[tuple[int, str]], int]:
    """(payment code, [(row, NIK, KPJ, amount)], [(row, why unreadable)], rows skipped)."""
    layout = susunan("tagihan")
    table = read_table(path, layout.columns(), [("nik",)])
    m = table.mapping

    def cell(row, f):
        i = m.get(f)
        return None if i is None or i >= len(row) else row[i]
    if "jumlah" not in m and not {"iuran_jkk", "iuran_jkm"} <= set(m):
        raise BpjsError(f"{path.name}: kolom Jumlah Iuran (atau Iuran JKK dan Iuran JKM) tidak ditemukan")
    kode = None
    if "kode_iuran" in m:
        kode = next((cells.text(cell(r, "kode_iuran")) for _, r in table.rows if not is_blank(cell(r, "kode_iuran"))),
                    None)
    labels = [x.lower() for x in layout.kode_iuran]
    for r in table.above if kode is None else ():
        line = " ".join(cells.text(c) for c in r if not is_blank(c))
        if any(lbl in line.lower() for lbl in labels) and (found := KODE_IURAN.search(line)):
            kode = found.group(1)
            break
    if not kode or not KODE_IURAN.fullmatch(kode):
        raise BpjsError(f"{path.name}: kode iuran 11 digit tidak ditemukan (di atas tabel, sesudah "
                        f"{' / '.join(layout.kode_iuran)}); tagihan tidak disimpan")
    rows, bad, skipped = [], [], 0
    for baris, r in table.rows:
        if is_blank(cell(r, "nik")):
            skipped += 1  # a totals row, a note, a signature: no NIK, nothing billed
            continue
        try:
            nik = _nik(cell(r, "nik"))
            if "jumlah" in m and not is_blank(cell(r, "jumlah")):
                amount = cells.money(cell(r, "jumlah"), "jumlah iuran")
            else:
                amount = (cells.money(cell(r, "iuran_jkk"), "iuran JKK")
                          + cells.money(cell(r, "iuran_jkm"), "iuran JKM"))
        except CellError as e:
            bad.append((baris, str(e)))
            continue
        if amount != amount.to_integral_value():
            bad.append((baris, "jumlah iuran tidak bulat rupiah"))
            continue
        kpj = cells.text(cell(r, "kpj")) or None
        rows.append((baris, nik, kpj, int(amount)))
    return kode, rows, bad, skipped


def _reconcile(desk: Desk, periode: str, kode: str, billed: list[tuple[str, str | None, int]],
               catatan: str | None) -> Rekonsiliasi:
    first = parse_period(periode)
    tarif = program().iuran(first).total
    ours = {a.nik: a for a in covered(desk, first)}
    by_nik = {nik: amount for nik, _, amount in billed}
    return Rekonsiliasi(
        periode, kode, len(billed), sum(by_nik.values()), len(ours), len(ours) * tarif,
        tuple(mask_nik(n) for n in sorted(set(by_nik) - set(ours))),
        tuple(mask_nik(n) for n in sorted(set(ours) - set(by_nik))),
        tuple((mask_nik(n), by_nik[n], tarif) for n in sorted(set(by_nik) & set(ours)) if by_nik[n] != tarif),
        catatan)


def import_tagihan(path: str | Path, periode: str, *, oleh: str | None = None,
                   url: str | None = None) -> tuple[Rekonsiliasi, list[tuple[int, str]]]:
    """Import BPJS's bill for `periode` and reconcile it with our month. Unreadable rows refuse the
    whole file (nothing stored); the same file again changes nothing; a new file for the same month
    (a corrected bill) replaces the previous one, and its differences must be explained anew."""
    from rentan.registry import audit
    path = Path(path)
    periode = period_key(parse_period(periode))
    kode, rows, bad, _ = _read_bill(path)
    if bad:
        raise BpjsError(f"{path.name}: {len(bad)} baris tagihan tidak terbaca (mis. baris {bad[0][0]}: {bad[0][1]}); "
                        "tagihan tidak disimpan")
    seen, dup = set(), []
    for baris, nik, _, _ in rows:
        if nik in seen:
            dup.append(baris)
        seen.add(nik)
    if dup:
        raise BpjsError(f"{path.name}: NIK yang sama ditagih lebih dari sekali (baris {', '.join(map(str, dup[:5]))}); "
                        "tagihan tidak disimpan")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    with open_desk(url, oleh) as desk:
        old = desk._s.scalars(select(BpjsTagihan).where(BpjsTagihan.periode == periode)).one_or_none()
        if old is not None and old.sha256 == sha:
            return _reconcile(desk, periode, kode, [(n, k, j) for _, n, k, j in rows], old.catatan), []
        rec = _reconcile(desk, periode, kode, [(n, k, j) for _, n, k, j in rows], None)
        if old is not None:
            desk._s.execute(delete(BpjsTagihanBaris).where(BpjsTagihanBaris.tagihan_id == old.id))
            desk._s.delete(old)
            desk._s.flush()
        t = BpjsTagihan(periode=periode, kode_iuran=kode, peserta=len(rows), jumlah=rec.tagihan_jumlah,
                        berkas=path.name, sha256=sha, selisih=rec.selisih, catatan=None, dicatat_oleh=None,
                        diimpor=desk.now)
        desk._s.add(t)
        desk._s.flush()
        batch = [{"tagihan_id": t.id, "nik": n, "kpj": k, "jumlah": j} for _, n, k, j in rows]
        for i in range(0, len(batch), 5000):
            desk._s.execute(insert(BpjsTagihanBaris), batch[i:i + 5000])
        desk.audit([audit.entry(f"tagihan:{periode}", "impor_tagihan", desk.oleh,
                                f"tagihan BPJS {path.name}: {len(rows)} peserta, {rec.selisih} selisih",
                                {"kode_iuran": (old.kode_iuran if old else None, kode)}, desk.now)])
    return rec, []


def catat_selisih(periode: str, alasan: str, *, oleh: str | None = None, url: str | None = None) -> Rekonsiliasi:
    """A clerk records why the month's bill and ours differ; the letter may then be issued."""
    from rentan.registry import audit
    periode = period_key(parse_period(periode))
    alasan = mask_numbers(" ".join(str(alasan).split()))  # a NIK a clerk typed is kept masked, as in every message
    if len(alasan) < 10:
        raise BpjsError("penjelasan selisih terlalu singkat; tulis apa yang berbeda dan mengapa")
    with open_desk(url, oleh) as desk:
        t = desk._s.scalars(select(BpjsTagihan).where(BpjsTagihan.periode == periode)).one_or_none()
        if t is None:
            raise BpjsError(f"belum ada tagihan BPJS untuk periode {periode}")
        t.catatan, t.dicatat_oleh = alasan, desk.oleh
        desk.audit([audit.entry(f"tagihan:{periode}", "catat_selisih", desk.oleh, alasan, None, desk.now)])
        desk._s.flush()
        return reconciliation(desk, periode)


def reconciliation(desk: Desk, periode: str) -> Rekonsiliasi | None:
    """The month's reconciliation as it stands (None: no bill imported for it)."""
    t = desk._s.scalars(select(BpjsTagihan).where(BpjsTagihan.periode == periode)).one_or_none()
    if t is None:
        return None
    billed = [(r.nik, r.kpj, r.jumlah) for r in desk._s.scalars(
        select(BpjsTagihanBaris).where(BpjsTagihanBaris.tagihan_id == t.id))]
    return _reconcile(desk, periode, t.kode_iuran, billed, t.catatan)


def reconciliation_of(periode: str, url: str | None = None) -> Rekonsiliasi | None:
    with reader(url) as desk:
        return reconciliation(desk, period_key(parse_period(periode)))


def missing_kpj(people: Iterable[Anggota]) -> int:
    return sum(1 for a in people if not a.kpj)
