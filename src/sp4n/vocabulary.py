"""The standard's closed vocabularies, as stable codes with Indonesian labels.

Values are the codes of ``standard.md`` (§2–§6) and never change; they are what
goes over the wire and into the rulebook. ``label`` gives the Indonesian term
used by LAPOR! for display, ``label_en`` an English one.

>>> Status.ON_HOLD.label
'Tunda'
>>> Status("DISPATCHED") is Status.DISPATCHED
True
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final

__all__ = [
    "AgencyKind",
    "ArchiveReason",
    "Channel",
    "DeleteReason",
    "EventKind",
    "ExaminationFlag",
    "PrivacyFlag",
    "ReportType",
    "Role",
    "Stage",
    "Status",
]


class _Labelled(StrEnum):
    """A code with an Indonesian and an English display label."""

    @property
    def label(self) -> str:
        """The Indonesian display label (as used by LAPOR!)."""
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        """An English display label."""
        return _LABELS[self][1]


class ReportType(_Labelled):
    """Classification of a report — *klasifikasi laporan*. Rule: standard.md §3 [R]."""

    ASPIRATION = "ASPIRATION"
    COMPLAINT = "COMPLAINT"
    INFORMATION_REQUEST = "INFORMATION_REQUEST"


class ExaminationFlag(_Labelled):
    """Whether a complaint needs examination — *berkadar pengawasan*. Rule: §3 [R].

    Only a ``COMPLAINT`` may need examination; it sets the 60-working-day
    resolution deadline (§5).
    """

    NEEDS_EXAMINATION = "NEEDS_EXAMINATION"
    NO_EXAMINATION = "NO_EXAMINATION"


class Status(_Labelled):
    """Lifecycle status of a report — *status laporan*. Rule: standard.md §4."""

    SUBMITTED = "SUBMITTED"
    ON_HOLD = "ON_HOLD"
    NOT_COMPETENT = "NOT_COMPETENT"
    DISPATCHED = "DISPATCHED"
    IN_PROGRESS = "IN_PROGRESS"
    CLOSED_BY_REPORTER = "CLOSED_BY_REPORTER"
    CLOSED_BY_SYSTEM = "CLOSED_BY_SYSTEM"
    ARCHIVED = "ARCHIVED"
    DELETED = "DELETED"


class Channel(_Labelled):
    """Channel a report came through — *kanal*. Rule: §3 ([R] first five, [D] rest)."""

    WEB = "WEB"
    SMS = "SMS"
    MOBILE_APP = "MOBILE_APP"
    TWITTER = "TWITTER"
    INTEGRATED_APP = "INTEGRATED_APP"
    WALK_IN = "WALK_IN"
    EMAIL = "EMAIL"
    LETTER = "LETTER"
    OTHER = "OTHER"


class PrivacyFlag(_Labelled):
    """Privacy choice on a report. Rule: standard.md §8 [R]."""

    ANONYMOUS = "ANONYMOUS"
    CONFIDENTIAL = "CONFIDENTIAL"


class Role(_Labelled):
    """Role of an actor — *peran*. Rule: standard.md §2.

    ``SYSTEM`` is the actor of timed events (auto-close, auto-archive); the
    spec's table names it "system".
    """

    REPORTER = "REPORTER"
    NATIONAL_ADMIN = "NATIONAL_ADMIN"
    AGENCY_ADMIN = "AGENCY_ADMIN"
    LIAISON = "LIAISON"
    SUPERVISOR = "SUPERVISOR"
    AUDITOR = "AUDITOR"
    OMBUDSMAN = "OMBUDSMAN"
    PUBLIC = "PUBLIC"
    DATA_API = "DATA_API"
    SYSTEM = "SYSTEM"


class AgencyKind(_Labelled):
    """Kind of body that handles reports — *jenis instansi*. Rule: standard.md §6 [R].

    ``ADMINISTRATIVE_AREA`` is a *kota/kabupaten administrasi* of DKI Jakarta
    (rule ROUTE-DKI-ADMIN): an area the province governs, not a government
    (UU 29/2007 Pasal 9(1)). ``PUBLIC_BODY`` is a public legal body that
    answers to the President, such as BPJS Kesehatan and BPJS Ketenagakerjaan
    (UU 24/2011 Pasal 7(2), rule AGENCY-BPJS): neither an SOE nor under a ministry.
    """

    NATIONAL = "NATIONAL"
    MINISTRY = "MINISTRY"
    AGENCY = "AGENCY"
    PROVINCE = "PROVINCE"
    REGENCY = "REGENCY"
    CITY = "CITY"
    UNIT = "UNIT"
    SOE = "SOE"
    REGIONAL_SOE = "REGIONAL_SOE"
    UNIVERSITY = "UNIVERSITY"
    MISSION = "MISSION"
    ADMINISTRATIVE_AREA = "ADMINISTRATIVE_AREA"
    PUBLIC_BODY = "PUBLIC_BODY"


class EventKind(_Labelled):
    """Kind of lifecycle event — *aksi*. Rule: standard.md §4 transition table."""

    SUBMIT = "submit"
    VERIFY_AND_DISPATCH = "verify_and_dispatch"
    HOLD = "hold"
    COMPLETE = "complete"
    DECLARE_NOT_COMPETENT = "declare_not_competent"
    REDISPATCH = "redispatch"
    ARCHIVE = "archive"
    DELETE = "delete"
    FORWARD_TO_UNIT = "forward_to_unit"
    POST_FOLLOW_UP = "post_follow_up"
    REPORTER_REPLY = "reporter_reply"
    CLOSE = "close"
    AUTO_CLOSE = "auto_close"
    REOPEN = "reopen"


class ArchiveReason(_Labelled):
    """Why a report is archived — *alasan arsip*. Rule: standard.md §4 [R]; HOLD_EXPIRED [D]."""

    WRONG_FORMAT = "WRONG_FORMAT"
    TOO_GENERAL = "TOO_GENERAL"
    NOT_GOVERNMENT_PERFORMANCE = "NOT_GOVERNMENT_PERFORMANCE"
    DUPLICATE = "DUPLICATE"
    HOLD_EXPIRED = "HOLD_EXPIRED"


class DeleteReason(_Labelled):
    """Why a report is deleted — *alasan hapus*. Rule: standard.md §4 [R]."""

    UNINTELLIGIBLE = "UNINTELLIGIBLE"
    ABUSIVE = "ABUSIVE"


class Stage(_Labelled):
    """A stage with a deadline — *tahap*. Rule: standard.md §5."""

    VERIFICATION = "VERIFICATION"
    FIRST_FOLLOW_UP = "FIRST_FOLLOW_UP"
    RESOLUTION = "RESOLUTION"
    REPLY_WINDOW = "REPLY_WINDOW"
    HOLD_WINDOW = "HOLD_WINDOW"
    FILING_WINDOW = "FILING_WINDOW"


_LABELS: Final = MappingProxyType(
    {
        ReportType.ASPIRATION: ("Aspirasi", "Aspiration"),
        ReportType.COMPLAINT: ("Pengaduan", "Complaint"),
        ReportType.INFORMATION_REQUEST: ("Permintaan Informasi", "Information request"),
        ExaminationFlag.NEEDS_EXAMINATION: ("Berkadar pengawasan", "Needs examination"),
        ExaminationFlag.NO_EXAMINATION: ("Tidak berkadar pengawasan", "No examination"),
        Status.SUBMITTED: ("Belum Terverifikasi", "Submitted"),
        Status.ON_HOLD: ("Tunda", "On hold"),
        Status.NOT_COMPETENT: ("Bukan Wewenang", "Not competent"),
        Status.DISPATCHED: ("Terdisposisi", "Dispatched"),
        Status.IN_PROGRESS: ("Proses", "In progress"),
        Status.CLOSED_BY_REPORTER: ("Selesai (ditutup pelapor)", "Closed by reporter"),
        Status.CLOSED_BY_SYSTEM: ("Selesai (ditutup sistem)", "Closed by system"),
        Status.ARCHIVED: ("Diarsipkan", "Archived"),
        Status.DELETED: ("Dihapus", "Deleted"),
        Channel.WEB: ("Situs web", "Web"),
        Channel.SMS: ("SMS 1708", "SMS 1708"),
        Channel.MOBILE_APP: ("Aplikasi seluler", "Mobile app"),
        Channel.TWITTER: ("Twitter @LAPOR1708", "Twitter @LAPOR1708"),
        Channel.INTEGRATED_APP: ("Aplikasi terintegrasi", "Integrated app"),
        Channel.WALK_IN: ("Datang langsung", "Walk-in"),
        Channel.EMAIL: ("Surel", "E-mail"),
        Channel.LETTER: ("Surat", "Letter"),
        Channel.OTHER: ("Lainnya", "Other"),
        PrivacyFlag.ANONYMOUS: ("Anonim", "Anonymous"),
        PrivacyFlag.CONFIDENTIAL: ("Rahasia", "Confidential"),
        Role.REPORTER: ("Pelapor", "Reporter"),
        Role.NATIONAL_ADMIN: ("Admin nasional", "National admin"),
        Role.AGENCY_ADMIN: ("Admin instansi", "Agency admin"),
        Role.LIAISON: ("Pejabat penghubung", "Liaison"),
        Role.SUPERVISOR: ("Pimpinan", "Supervisor"),
        Role.AUDITOR: ("APIP / Inspektorat", "Auditor"),
        Role.OMBUDSMAN: ("Ombudsman RI", "Ombudsman"),
        Role.PUBLIC: ("Masyarakat", "Public"),
        Role.DATA_API: ("Pengguna API akses data", "Data API user"),
        Role.SYSTEM: ("Sistem", "System"),
        AgencyKind.NATIONAL: ("Pengelola nasional", "National operator"),
        AgencyKind.MINISTRY: ("Kementerian", "Ministry"),
        AgencyKind.AGENCY: ("Lembaga", "Agency"),
        AgencyKind.PROVINCE: ("Pemerintah provinsi", "Province"),
        AgencyKind.REGENCY: ("Pemerintah kabupaten", "Regency"),
        AgencyKind.CITY: ("Pemerintah kota", "City"),
        AgencyKind.UNIT: ("Unit kerja / OPD", "Unit"),
        AgencyKind.SOE: ("BUMN", "State-owned enterprise"),
        AgencyKind.REGIONAL_SOE: ("BUMD", "Regional state-owned enterprise"),
        AgencyKind.UNIVERSITY: ("Perguruan tinggi negeri", "State university"),
        AgencyKind.MISSION: ("Perwakilan RI", "Mission abroad"),
        AgencyKind.ADMINISTRATIVE_AREA: (
            "Kota/kabupaten administrasi",
            "Administrative city/regency",
        ),
        AgencyKind.PUBLIC_BODY: ("Badan hukum publik", "Public legal body"),
        EventKind.SUBMIT: ("Kirim laporan", "Submit"),
        EventKind.VERIFY_AND_DISPATCH: ("Verifikasi dan disposisi", "Verify and dispatch"),
        EventKind.HOLD: ("Tunda", "Hold"),
        EventKind.COMPLETE: ("Lengkapi laporan", "Complete"),
        EventKind.DECLARE_NOT_COMPETENT: ("Bukan wewenang", "Declare not competent"),
        EventKind.REDISPATCH: ("Disposisi ulang", "Redispatch"),
        EventKind.ARCHIVE: ("Arsipkan", "Archive"),
        EventKind.DELETE: ("Hapus", "Delete"),
        EventKind.FORWARD_TO_UNIT: ("Teruskan ke unit", "Forward to unit"),
        EventKind.POST_FOLLOW_UP: ("Tindak lanjut", "Post follow-up"),
        EventKind.REPORTER_REPLY: ("Tanggapan pelapor", "Reporter reply"),
        EventKind.CLOSE: ("Tutup laporan", "Close"),
        EventKind.AUTO_CLOSE: ("Ditutup sistem", "Auto-close"),
        EventKind.REOPEN: ("Buka kembali", "Reopen"),
        ArchiveReason.WRONG_FORMAT: ("Format salah", "Wrong format"),
        ArchiveReason.TOO_GENERAL: ("Terlalu umum", "Too general"),
        ArchiveReason.NOT_GOVERNMENT_PERFORMANCE: (
            "Bukan kinerja pemerintah",
            "Not about government performance",
        ),
        ArchiveReason.DUPLICATE: ("Duplikat", "Duplicate"),
        ArchiveReason.HOLD_EXPIRED: ("Tunda kedaluwarsa", "Hold expired"),
        DeleteReason.UNINTELLIGIBLE: ("Tidak dapat dipahami", "Unintelligible"),
        DeleteReason.ABUSIVE: ("Kasar / melecehkan", "Abusive"),
        Stage.VERIFICATION: ("Verifikasi dan disposisi", "Verification and dispatch"),
        Stage.FIRST_FOLLOW_UP: ("Tindak lanjut pertama", "First follow-up"),
        Stage.RESOLUTION: ("Penyelesaian", "Resolution"),
        Stage.REPLY_WINDOW: ("Batas tanggapan pelapor", "Reporter reply window"),
        Stage.HOLD_WINDOW: ("Batas kelengkapan laporan tunda", "Hold completion window"),
        Stage.FILING_WINDOW: ("Batas waktu pengaduan", "Filing window"),
    }
)
