"""rentan — paperwork of Kota Balikpapan's BPJS Ketenagakerjaan contribution programme for
pekerja rentan: registry, verification, SK Wali Kota, monthly remittance, Perwali drafting."""

__version__ = "0.1.0"
