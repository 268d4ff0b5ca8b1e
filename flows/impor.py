"""The uploads staff make, as flows: a kelurahan/OPD list imported into the registry for a coverage
year (`impor-registri`), and an agency's returned verification form applied to it
(`impor-verifikasi`). The web desk saves the uploaded file in the data folder (owner-only) and runs
these through their deployments, so the run is visible to operators too.

Parameters carry the file's path, the year and who acts (a staff account, for the audit log) —
never a NIK or a name of a participant. The artifacts carry counts and row numbers with their
reasons (the import's own lines, NIK-like numbers masked); the rejected rows themselves are in the
owner-only report beside the uploaded file. A file that cannot be used as a whole ends the run
Failed with its one-line reason and changes nothing; an import is one transaction, so a retry
(of a locked database, say) never imports twice."""
from __future__ import annotations

from flows import BERKAS_TABEL, PERIODE, param, refusal_fails, retry_unless, tahun_param, value  # (Prefect settings first)
from prefect import flow, task
from prefect.artifacts import create_table_artifact

from rentan.errors import Refusal, mask_numbers
from rentan.idfmt import ribuan
from rentan.registry.importer import ranges

OLEH = ("Petugas", "Akun petugas yang menjalankan (untuk log audit).")


@task(name="impor-daftar", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_unless())
@refusal_fails
def impor_daftar(berkas: str, tahun: int, sumber: str | None, oleh: str | None) -> dict:
    from rentan.registry.importer import import_registry
    r = import_registry(berkas, tahun, sumber=sumber, oleh=oleh)
    skipped: dict[str, list[int]] = {}
    for baris, why in r.dilewati:
        skipped.setdefault(why, []).append(baris)
    return {
        "berkas": r.berkas, "tahun": r.tahun, "lembar": r.lembar, "dibaca": r.dibaca, "baru": r.baru,
        "diusulkan_lagi": r.diusulkan_lagi, "diperbarui": r.diperbarui, "tidak_berubah": r.tidak_berubah,
        "ditolak": len(r.ditolak), "dilewati": len(r.dilewati), "peringatan": len(r.peringatan),
        "per_aturan": dict(sorted(r.per_aturan().items(), key=lambda kv: (-kv[1], kv[0]))),
        "baris_ditolak": [(o.baris, mask_numbers("; ".join(v.alasan() for v in o.violations))) for o in r.ditolak],
        "baris_dilewati": [(ranges(rows), why) for why, rows in sorted(skipped.items(), key=lambda kv: min(kv[1]))],
        "laporan": str(r.laporan) if r.laporan else None,
    }


def import_tables(r: dict) -> tuple[list[dict], list[dict]]:
    """The artifact's two tables: the counts, and the rejected and skipped rows with their reasons."""
    counts = [("Berkas", r["berkas"]), ("Lembar", r["lembar"] or "-"), ("Tahun kepesertaan", r["tahun"]),
              ("Baris dibaca", ribuan(r["dibaca"])), ("Peserta baru", ribuan(r["baru"])),
              ("Diusulkan lagi (sudah terdaftar)", ribuan(r["diusulkan_lagi"])),
              ("Diperbarui", ribuan(r["diperbarui"])), ("Tidak berubah", ribuan(r["tidak_berubah"])),
              ("Ditolak", ribuan(r["ditolak"])), ("Dilewati (bukan data peserta)", ribuan(r["dilewati"])),
              ("Diterima dengan peringatan", ribuan(r["peringatan"]))]
    rows = [{"Baris": str(b), "Keadaan": "ditolak", "Alasan": why} for b, why in r["baris_ditolak"]]
    rows += [{"Baris": b, "Keadaan": "dilewati", "Alasan": why} for b, why in r["baris_dilewati"]]
    return [{"Uraian": k, "Nilai": v} for k, v in counts], rows


@flow(name="impor-registri", log_prints=False)
@refusal_fails
def impor_registri(
    berkas: str = param(..., "Berkas daftar peserta", "Letak berkas XLSX atau CSV di server (diunggah lewat meja "
                                                     "layanan).", pattern=BERKAS_TABEL, max_length=1000),
    tahun: int = tahun_param(..., "Tahun kepesertaan", "Tahun kepesertaan yang diusulkan, mis. 2026."),
    sumber: str | None = param(None, "Asal daftar", "Kelurahan atau OPD pengirim, bila berkas tidak punya kolom "
                                                    "Sumber. Kosong: nama berkas.", max_length=200),
    oleh: str | None = param(None, *OLEH, max_length=100),
) -> dict:
    r = value(impor_daftar(berkas, tahun, sumber, oleh))
    counts, rows = import_tables(r)
    create_table_artifact(key=f"impor-{tahun}", table=counts,
                          description=f"Impor daftar calon peserta tahun {tahun}: jumlah baris per hasil (tanpa NIK "
                                      "dan nama).")
    if rows:
        create_table_artifact(key=f"impor-{tahun}-ditolak", table=rows,
                              description="Baris yang ditolak atau dilewati dan alasannya (nomor baris di berkas; "
                                          "barisnya sendiri ada di laporan penolakan).")
    return r


@task(name="terapkan-jawaban", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_unless())
@refusal_fails
def terapkan_jawaban(berkas: str, oleh: str | None) -> dict:
    from rentan.registry.verification import import_results
    r = import_results(berkas, oleh=oleh)
    return {"berkas": r.berkas, "dibaca": r.dibaca, "sesuai": r.sesuai, "tidak_sesuai": r.tidak_sesuai,
            "tidak_berubah": r.tidak_berubah, "tidak_diterapkan": len(r.dilaporkan),
            "baris_tidak_diterapkan": [(b, mask_numbers(why)) for b, why in r.dilaporkan]}


def answer_tables(r: dict) -> tuple[list[dict], list[dict]]:
    counts = [("Berkas", r["berkas"]), ("Baris dibaca", ribuan(r["dibaca"])),
              ("Sesuai (terverifikasi)", ribuan(r["sesuai"])), ("Tidak sesuai (ditolak)", ribuan(r["tidak_sesuai"])),
              ("Tidak berubah", ribuan(r["tidak_berubah"])), ("Tidak diterapkan", ribuan(r["tidak_diterapkan"]))]
    rows = [{"Baris": str(b), "Alasan tidak diterapkan": why} for b, why in r["baris_tidak_diterapkan"]]
    return [{"Uraian": k, "Nilai": v} for k, v in counts], rows


@flow(name="impor-verifikasi", log_prints=False)
@refusal_fails
def impor_verifikasi(
    berkas: str = param(..., "Formulir hasil verifikasi", "Letak formulir XLSX yang dikembalikan instansi, di server "
                                                         "(diunggah lewat meja layanan).", pattern=BERKAS_TABEL,
                        max_length=1000),
    oleh: str | None = param(None, *OLEH, max_length=100),
) -> dict:
    r = value(terapkan_jawaban(berkas, oleh))
    counts, rows = answer_tables(r)
    create_table_artifact(key="jawaban-verifikasi", table=counts,
                          description=f"Hasil verifikasi dari formulir {r['berkas']}: jumlah yang diterapkan (tanpa "
                                      "NIK dan nama).")
    if rows:
        create_table_artifact(key="jawaban-verifikasi-tidak-diterapkan", table=rows,
                              description="Baris formulir yang tidak diterapkan dan alasannya.")
    return r


# --- BPJS Ketenagakerjaan's answers and bill ------------------------------------------------------
# (the requests themselves are documents: flows.bpjs). An answer that does not match what was sent is
# reported row by row and applies nothing unless `sebagian`; the run then ends Failed with that
# sentence, after its tables are written, so the clerk sees both.

SEBAGIAN = ("Terima sebagian", "Terapkan baris yang sesuai walaupun ada baris yang tidak sesuai dengan yang kami "
                               "kirim (baris itu dilaporkan dan tidak diterapkan).")


class TidakDiterapkan(Refusal):
    """An answer from BPJS that does not match the request, not accepted partly: nothing applied."""


def _jawaban_dict(r) -> dict:
    lines = r.lines()  # (masked)
    return {"berkas": r.berkas, "dibaca": r.dibaca, "diterapkan": r.diterapkan, "diterima": r.diterima,
            "ditolak": r.ditolak, "diisi": r.diisi, "tidak_berubah": r.tidak_berubah, "dilewati": r.dilewati,
            "tidak_sesuai": len(r.dilaporkan), "ringkas": lines[0],
            "baris_tidak_sesuai": [(b, mask_numbers(why)) for b, why in r.dilaporkan]}


@task(name="terapkan-validasi-bpjs", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_unless())
@refusal_fails
def terapkan_validasi(berkas: str, sebagian: bool, oleh: str | None) -> dict:
    from rentan.registry.bpjs import import_validasi
    return _jawaban_dict(import_validasi(berkas, sebagian=sebagian, oleh=oleh))


@task(name="terapkan-kpj-bpjs", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_unless())
@refusal_fails
def terapkan_kpj(berkas: str, sebagian: bool, oleh: str | None) -> dict:
    from rentan.registry.bpjs import import_kpj
    return _jawaban_dict(import_kpj(berkas, sebagian=sebagian, oleh=oleh))


def _hasil(r: dict) -> str:
    if not r["tidak_sesuai"]:
        return "diterapkan seluruhnya"
    if r["diterapkan"]:
        return "diterima sebagian: baris yang sesuai diterapkan, baris yang tidak sesuai tidak"
    return "tidak ada yang diterapkan"


def _bpjs_answer(r: dict, key: str, what: str, counts: list[tuple[str, int]]) -> dict:
    table = [("Berkas", r["berkas"]), ("Hasil", _hasil(r)), ("Baris dibaca", ribuan(r["dibaca"])), *
             [(k, ribuan(v)) for k, v in counts], ("Sudah tercatat sama", ribuan(r["tidak_berubah"])),
             ("Baris bukan data peserta (dilewati)", ribuan(r["dilewati"])),
             ("Tidak sesuai dengan yang kami kirim", ribuan(r["tidak_sesuai"]))]
    create_table_artifact(key=key, table=[{"Uraian": k, "Nilai": v} for k, v in table],
                          description=f"{what} dari {r['berkas']}: jumlah (tanpa NIK dan nama).")
    if r["baris_tidak_sesuai"]:
        create_table_artifact(key=f"{key}-tidak-sesuai", table=[
            {"Baris": str(b) if b else "tidak ada di jawaban", "Alasan": why} for b, why in r["baris_tidak_sesuai"]],
            description="Baris jawaban yang tidak sesuai dengan yang kami kirim, dan alasannya (NIK disamarkan).")
    if r["tidak_sesuai"] and not r["diterapkan"]:
        raise TidakDiterapkan(f"{ribuan(r['tidak_sesuai'])} baris jawaban BPJS tidak sesuai dengan yang kami kirim "
                              "(rinciannya di bawah), jadi tidak ada yang diterapkan. Minta BPJS memperbaiki "
                              "jawabannya, atau unggah lagi dengan pilihan «Terima sebagian».")
    return r


@flow(name="impor-validasi-bpjs", log_prints=False)
@refusal_fails
def impor_validasi_bpjs(
    berkas: str = param(..., "Jawaban validasi BPJS", "Letak berkas XLSX hasil validasi dari BPJS Ketenagakerjaan, di "
                                                      "server (diunggah lewat meja layanan).", pattern=BERKAS_TABEL,
                        max_length=1000),
    sebagian: bool = param(False, *SEBAGIAN),
    oleh: str | None = param(None, *OLEH, max_length=100),
) -> dict:
    r = value(terapkan_validasi(berkas, sebagian, oleh))
    return _bpjs_answer(r, "jawaban-validasi-bpjs", "Hasil validasi BPJS Ketenagakerjaan",
                        [("Diterima", r["diterima"]), ("Ditolak BPJS", r["ditolak"])])


@flow(name="impor-kpj-bpjs", log_prints=False)
@refusal_fails
def impor_kpj_bpjs(
    berkas: str = param(..., "Jawaban pendaftaran BPJS (KPJ)", "Letak berkas XLSX nomor KPJ dari BPJS "
                                                               "Ketenagakerjaan, di server (diunggah lewat meja "
                                                               "layanan).", pattern=BERKAS_TABEL, max_length=1000),
    sebagian: bool = param(False, *SEBAGIAN),
    oleh: str | None = param(None, *OLEH, max_length=100),
) -> dict:
    r = value(terapkan_kpj(berkas, sebagian, oleh))
    return _bpjs_answer(r, "jawaban-kpj-bpjs", "Nomor KPJ dari BPJS Ketenagakerjaan", [("Nomor KPJ diisi", r["diisi"])])


def _rekon_dict(rec) -> dict:
    return {"periode": rec.periode, "kode_iuran": rec.kode_iuran, "tagihan_peserta": rec.tagihan_peserta,
            "tagihan_jumlah": rec.tagihan_jumlah, "kami_peserta": rec.kami_peserta, "kami_jumlah": rec.kami_jumlah,
            "selisih": rec.selisih, "cocok": rec.cocok, "dijelaskan": rec.dijelaskan, "catatan": rec.catatan,
            "baris": [line.replace(" (rentan bpjs catat-selisih)", " (meja layanan: «Catat penjelasan selisih tagihan»; "
                                   "baris perintah: rentan bpjs catat-selisih)") for line in rec.lines()]}


def _rekon_tables(r: dict, key: str) -> dict:
    from rentan.idfmt import rupiah
    counts = [("Periode", r["periode"]), ("Kode iuran", r["kode_iuran"]),
              ("Ditagih BPJS", f"{ribuan(r['tagihan_peserta'])} peserta, {rupiah(r['tagihan_jumlah'])}"),
              ("Menurut data kami", f"{ribuan(r['kami_peserta'])} peserta, {rupiah(r['kami_jumlah'])}"),
              ("Selisih", "cocok" if r["cocok"] else f"{ribuan(r['selisih'])} peserta"
               + ("" if r["selisih"] else f"; jumlah berbeda {rupiah(abs(r['tagihan_jumlah'] - r['kami_jumlah']))}")),
              ("Penjelasan selisih", r["catatan"] or ("tidak diperlukan" if r["cocok"] else "belum dicatat"))]
    create_table_artifact(key=key, table=[{"Uraian": k, "Nilai": v} for k, v in counts],
                          description=f"Rekonsiliasi tagihan BPJS {r['periode']} dengan data kami (NIK disamarkan).")
    create_table_artifact(key=f"{key}-rincian", table=[{"Rekonsiliasi": line.strip()} for line in r["baris"]],
                          description="Rekonsiliasi baris demi baris (NIK disamarkan).")
    return r


@task(name="impor-tagihan", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_unless())
@refusal_fails
def impor_tagihan(berkas: str, periode: str, oleh: str | None) -> dict:
    from rentan.registry.bpjs import import_tagihan
    rec, _ = import_tagihan(berkas, periode, oleh=oleh)
    return _rekon_dict(rec)


@flow(name="impor-tagihan-bpjs", log_prints=False)
@refusal_fails
def impor_tagihan_bpjs(
    berkas: str = param(..., "Tagihan BPJS", "Letak berkas XLSX tagihan iuran sebulan dari BPJS Ketenagakerjaan, di "
                                             "server (diunggah lewat meja layanan).", pattern=BERKAS_TABEL,
                        max_length=1000),
    periode: str = param(..., "Periode", "Bulan tagihan, TTTT-BB (mis. 2027-01).", pattern=PERIODE),
    oleh: str | None = param(None, *OLEH, max_length=100),
) -> dict:
    return _rekon_tables(value(impor_tagihan(berkas, periode, oleh)), f"tagihan-bpjs-{periode}")


@task(name="catat-selisih", retries=2, retry_delay_seconds=2, retry_condition_fn=retry_unless())
@refusal_fails
def catat(periode: str, alasan: str, oleh: str | None) -> dict:
    from rentan.registry.bpjs import catat_selisih as record
    return _rekon_dict(record(periode, alasan, oleh=oleh))


@flow(name="catat-selisih", log_prints=False)
@refusal_fails
def catat_selisih(
    periode: str = param(..., "Periode", "Bulan tagihan, TTTT-BB (mis. 2027-01).", pattern=PERIODE),
    alasan: str = param(..., "Penjelasan selisih", "Apa yang berbeda antara tagihan BPJS dan data kami, dan mengapa "
                                                   "(paling sedikit 10 karakter).", min_length=10, max_length=1000),
    oleh: str | None = param(None, *OLEH, max_length=100),
) -> dict:
    return _rekon_tables(value(catat(periode, alasan, oleh)), f"tagihan-bpjs-{periode}")
