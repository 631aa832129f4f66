# ruff: noqa: C408, E501 -- a table of hand-written payloads reads best as dict() calls on long lines
"""Write src/sp4n/data/samples/reports.jsonl: the hand-written sample payloads of `sp4n demo`.

Every person, NIK, phone number and address here is fictitious. The expected
outcome of each row (valid, or the field and rule it breaks) is kept in
src/sp4n/data/samples/expected.json and checked by tests/test_samples.py.
Run: .venv/bin/python scripts/make_sample_payloads.py
"""

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "sp4n" / "data" / "samples"

SHA = "9f2c4a1be0d3c6f7a8b9c0d1e2f3a4b5c6d7e8f90123456789abcdef01234567"


def rep(name, nik=None, phone=None, email=None):
    r = {"name": name}
    if nik:
        r["nik"] = nik
    if phone:
        r["phone"] = phone
    if email:
        r["email"] = email
    return r


VALID = [
    dict(
        type="COMPLAINT",
        title="Jalan kabupaten berlubang di Desa Sungai Rengit",
        body="Jalan poros desa rusak parah sejak musim hujan, lubang sedalam 30 cm membahayakan "
        "pengendara motor dan anak sekolah. Mohon segera diperbaiki.",
        incident_date="2024-03-28",
        location={"region_code": "16.07", "address": "Jl. Poros Sungai Rengit km 4"},
        category="regency_road",
        channel="WEB",
        reporter=rep("Siti Aminah", "1607055203890001", "0812-7788-1234"),
        submitted_at="2024-04-05T09:30:00+07:00",
    ),
    dict(
        type="COMPLAINT",
        title="Pungutan seragam di SMA Negeri",
        body="Sekolah meminta uang seragam Rp 1.500.000 kepada siswa baru tanpa dasar yang jelas.",
        incident_date="2024-07-15",
        location={"region_code": "73.11"},
        category="senior_secondary_school",
        channel="MOBILE_APP",
        anonymous=True,
        reporter=rep("Andi Baso", "7311021508850003", email="andi.baso@example.id"),
        submitted_at="2024-07-16T20:15:00+08:00",
    ),
    dict(
        type="ASPIRATION",
        title="Usulan penambahan lampu jalan di Jl. Ahmad Yani",
        body="Jalan Ahmad Yani gelap pada malam hari; warga mengusulkan penambahan penerangan jalan umum.",
        location={"region_code": "61.71"},
        category="street_lighting",
        channel="WEB",
        reporter=rep("Hendra Wijaya", phone="+62 811 5678 901"),
        submitted_at="2024-02-10T08:00:00+07:00",
    ),
    dict(
        type="INFORMATION_REQUEST",
        title="Syarat pembuatan akta kelahiran anak",
        body="Mohon informasi syarat dan lama proses pembuatan akta kelahiran untuk anak usia 2 tahun.",
        location={"region_code": "63.71"},
        category="civil_registry",
        channel="SMS",
        reporter=rep("Rahmat", phone="081351234567"),
        submitted_at="2024-03-09T10:45:00+08:00",
    ),
    dict(
        type="COMPLAINT",
        examination="NEEDS_EXAMINATION",
        title="Dugaan pungli pengurusan sertifikat tanah",
        body="Petugas meminta biaya tambahan di luar ketentuan PTSL sebesar Rp 2.000.000 per bidang.",
        incident_date="2024-05-02",
        location={"region_code": "62.71"},
        category="land_certificate",
        channel="WEB",
        confidential=True,
        reporter=rep(
            "Yohanes Dambung", "6271011003790002", "0813-4912-3344", "yohanes.d@example.id"
        ),
        submitted_at="2024-05-03T14:00:00+07:00",
    ),
    dict(
        type="COMPLAINT",
        title="Listrik padam berulang tiap malam",
        body="Sudah seminggu listrik padam setiap pukul 19.00 hingga 22.00 di kompleks kami, ID pelanggan 532101234567.",
        incident_date="2024-08-20",
        location={"region_code": "15.71"},
        category="electricity",
        target_agency_id="kota-15.71",
        channel="TWITTER",
        reporter=rep("Dewi Lestari", phone="0821-7456-9012"),
        submitted_at="2024-08-24T21:10:00+07:00",
    ),
    dict(
        type="COMPLAINT",
        title="Antrean BPJS Kesehatan di RSUD sangat panjang",
        body="Pasien peserta JKN harus antre sejak subuh dan sering ditolak dengan alasan kuota penuh.",
        incident_date="2024-09-02",
        location={"region_code": "32.73"},
        category="health_insurance",
        channel="INTEGRATED_APP",
        reporter=rep("Asep Sunandar", "3273012204800004", email="asep.s@example.id"),
        submitted_at="2024-09-03T07:20:00+07:00",
    ),
    dict(
        type="COMPLAINT",
        title="Sampah menumpuk di TPS Pasar Atom",
        body="Sampah tidak diangkut selama lima hari, bau menyengat dan mengganggu pedagang.",
        incident_date="2024-10-01",
        location={"region_code": "35.78"},
        category="waste_management",
        channel="WALK_IN",
        reporter=rep("Bambang Sutrisno", phone="031-5551234"),
        submitted_at="2024-10-04T11:00:00+07:00",
    ),
    dict(
        type="COMPLAINT",
        title="Paspor belum terbit setelah tiga minggu",
        body="Saya sudah wawancara dan foto, namun paspor belum terbit melewati janji layanan.",
        incident_date="2024-06-10",
        location={"region_code": "51.71"},
        category="immigration",
        channel="EMAIL",
        reporter=rep("Made Wirawan", email="made.wirawan@example.id"),
        submitted_at="2024-06-29T09:00:00+08:00",
    ),
    dict(
        type="COMPLAINT",
        title="Bantuan PKH tidak cair sejak Januari",
        body="Keluarga kami terdaftar sebagai penerima PKH tetapi bantuan tidak cair sejak Januari. "
        "Nomor KKS saya 6019001234567890.",
        incident_date="2024-04-01",
        location={"region_code": "33.74"},
        category="social_assistance",
        channel="LETTER",
        anonymous=True,
        reporter=rep("Sri Wahyuni", "3374065107750006", "0857-2233-4455"),
        submitted_at="2024-04-12T13:30:00+07:00",
    ),
    dict(
        type="COMPLAINT",
        title="Air PDAM keruh dan berbau",
        body="Air PDAM di rumah kami keruh kecokelatan sejak tiga hari, tidak layak untuk mandi.",
        incident_date="2024-11-18",
        location={
            "region_code": "12.71",
            "coordinates": {"latitude": 3.5952, "longitude": 98.6722},
        },
        category="drinking_water",
        channel="MOBILE_APP",
        reporter=rep("Rudi Hartono", phone="+6281265432109"),
        submitted_at="2024-11-20T06:45:00+07:00",
    ),
    dict(
        type="COMPLAINT",
        title="Puskesmas tutup pada jam layanan",
        body="Puskesmas pembantu di kampung kami tutup pada hari kerja pukul 10 pagi; tidak ada petugas.",
        incident_date="2024-12-23",
        location={"region_code": "94.01"},
        category="public_health_center",
        channel="SMS",
        reporter=rep("Markus Waine", phone="0821-9988-7766"),
        submitted_at="2024-12-23T23:30:00+09:00",
    ),
    dict(
        type="ASPIRATION",
        title="Perpanjangan jam layanan perpustakaan daerah",
        body="Mahasiswa mengusulkan perpustakaan daerah buka hingga pukul 20.00 pada hari kerja.",
        location={"region_code": "64.72"},
        category="library",
        channel="WEB",
        reporter=rep("Nur Aisyah", email="Nur.Aisyah@Example.ID"),
        submitted_at="2024-04-06T10:00:00+08:00",
    ),
    dict(
        type="COMPLAINT",
        title="Kapal penumpang berangkat tanpa jadwal jelas",
        body="Jadwal kapal Ambon–Banda berubah tanpa pemberitahuan dan penumpang terlantar di pelabuhan.",
        incident_date="2025-03-27",
        location={"region_code": "81.71"},
        category="seaport",
        channel="MOBILE_APP",
        reporter=rep("Johanis Latuconsina", phone="0812-4700-1122"),
        submitted_at="2025-03-28T16:00:00+09:00",
    ),
    dict(
        type="COMPLAINT",
        title="Pelayanan KTP-el di kecamatan lambat",
        body="Perekaman KTP-el di kantor kecamatan hanya melayani 10 orang per hari.",
        incident_date="2025-04-02",
        location={"region_code": "91.03"},
        category="civil_registry",
        channel="WEB",
        reporter=rep("Yakob Ohee", "9103041212900007", "0813-4455-6677"),
        submitted_at="2025-04-04T08:15:00+09:00",
    ),
    dict(
        type="INFORMATION_REQUEST",
        title="Kuota haji tahun ini",
        body="Mohon informasi estimasi keberangkatan haji untuk pendaftar tahun 2012.",
        location={"region_code": "61.04"},
        category="hajj_umrah",
        channel="OTHER",
        reporter=rep("Hasanah", phone="0812-5611-2233"),
        submitted_at="2025-01-15T09:00:00+07:00",
    ),
    dict(
        type="COMPLAINT",
        title="Dugaan pungli oknum saat pembuatan SIM",
        body="Saat ujian praktik SIM C, oknum menawarkan jalur cepat dengan biaya Rp 750.000.",
        incident_date="2025-02-10",
        category="driving_licence",
        channel="WEB",
        anonymous=True,
        confidential=True,
        reporter=rep("Tono", phone="0896-1234-5678"),
        attachments=[
            {"name": "bukti.jpg", "media_type": "image/jpeg", "size_bytes": 284112, "sha256": SHA}
        ],
        submitted_at="2025-02-11T19:00:00+07:00",
    ),
]

INVALID = [
    (
        dict(
            type="COMPLAINT",
            title="NIK dengan kode provinsi tidak ada",
            body="Jalan rusak di depan sekolah.",
            location={"region_code": "16.07"},
            category="regency_road",
            channel="WEB",
            reporter=rep("Budi", "9907051203890001", "0812-7788-1234"),
            submitted_at="2024-04-05T09:30:00+07:00",
        ),
        "reporter.nik",
        "ID-NIK-REGION",
    ),
    (
        dict(
            type="COMPLAINT",
            title="Waktu kirim tanpa zona waktu",
            body="Lampu lalu lintas mati di perempatan.",
            location={"region_code": "32.73"},
            category="parking_traffic",
            channel="WEB",
            reporter=rep("Rina", phone="0812-1111-2222"),
            submitted_at="2024-04-05T09:30:00",
        ),
        "submitted_at",
        "TIMESTAMP-AWARE",
    ),
    (
        dict(
            type="KELUHAN",
            title="Jenis laporan tidak dikenal",
            body="Parkir liar di trotoar.",
            location={"region_code": "31.71"},
            category="parking_traffic",
            channel="WEB",
            reporter=rep("Agus", phone="0812-3333-4444"),
            submitted_at="2024-04-05T09:30:00+07:00",
        ),
        "type",
        "PAYLOAD-ENUM",
    ),
    (
        dict(
            type="COMPLAINT",
            body="Laporan tanpa judul tentang banjir.",
            location={"region_code": "31.71"},
            category="disaster_management",
            channel="WEB",
            reporter=rep("Wati", phone="0812-5555-6666"),
            submitted_at="2024-04-05T09:30:00+07:00",
        ),
        "title",
        "PAYLOAD-MISSING",
    ),
    (
        dict(
            type="COMPLAINT",
            title="Kolom tambahan yang tidak dikenal",
            prioritas="tinggi",
            body="Jembatan kayu rusak.",
            location={"region_code": "61.04"},
            category="regency_road",
            channel="WEB",
            reporter=rep("Yusuf", phone="0812-7777-8888"),
            submitted_at="2024-04-05T09:30:00+07:00",
        ),
        "prioritas",
        "PAYLOAD-EXTRA-FORBIDDEN",
    ),
    (
        dict(
            type="COMPLAINT",
            title="Pelapor tanpa kontak",
            body="Pungutan liar di pasar.",
            location={"region_code": "33.74"},
            category="market_management",
            channel="WALK_IN",
            reporter=rep("Slamet", "3374061203890001"),
            submitted_at="2024-04-05T09:30:00+07:00",
        ),
        "reporter",
        "REPORTER-CONTACT",
    ),
    (
        dict(
            type="ASPIRATION",
            examination="NEEDS_EXAMINATION",
            title="Aspirasi berkadar pengawasan",
            body="Usulan taman kota baru.",
            location={"region_code": "35.78"},
            category="spatial_planning_building_permit",
            channel="WEB",
            reporter=rep("Lina", phone="0812-9999-0000"),
            submitted_at="2024-04-05T09:30:00+07:00",
        ),
        "",
        "REPORT-EXAMINATION",
    ),
    (
        dict(
            type="COMPLAINT",
            title="Nomor telepon terlalu pendek",
            body="Antrean puskesmas panjang.",
            location={"region_code": "51.71"},
            category="public_health_center",
            channel="SMS",
            reporter=rep("Ketut", phone="12345"),
            submitted_at="2024-04-05T09:30:00+08:00",
        ),
        "reporter.phone",
        "ID-PHONE",
    ),
    (
        dict(
            type="COMPLAINT",
            title="Kode wilayah dengan tanda hubung",
            body="Irigasi rusak.",
            location={"region_code": "16-07"},
            category="irrigation_regency",
            channel="WEB",
            reporter=rep("Darman", phone="0812-2222-3333"),
            submitted_at="2024-04-05T09:30:00+07:00",
        ),
        "location.region_code",
        "REGION-CODE",
    ),
    (
        dict(
            type="COMPLAINT",
            title="Lampiran dengan sidik sha256 rusak",
            body="Foto jalan rusak terlampir.",
            location={"region_code": "16.07"},
            category="regency_road",
            channel="MOBILE_APP",
            reporter=rep("Ani", phone="0812-4444-5555"),
            attachments=[
                {
                    "name": "foto.png",
                    "media_type": "image/png",
                    "size_bytes": 1024,
                    "sha256": "abc123",
                }
            ],
            submitted_at="2024-04-05T09:30:00+07:00",
        ),
        "attachments.0.sha256",
        "PAYLOAD-STRING-PATTERN-MISMATCH",
    ),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rows, expected = [], []
    # Interleave so the file reads like a real inbox.
    invalid = list(INVALID)
    for i, payload in enumerate(VALID):
        rows.append(payload)
        expected.append({"valid": True})
        if i % 2 == 1 and invalid:
            bad, field, rule = invalid.pop(0)
            rows.append(bad)
            expected.append({"valid": False, "field": field, "rule": rule})
    for bad, field, rule in invalid:
        rows.append(bad)
        expected.append({"valid": False, "field": field, "rule": rule})
    with (OUT / "reports.jsonl").open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} payloads ({len(VALID)} valid, {len(INVALID)} invalid) -> {OUT}")


if __name__ == "__main__":
    main()
