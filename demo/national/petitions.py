"""Petitions and letters of every council with their forwardings, for ``seed_national``: statuses follow the
age of a petition (recent ones still being classified, old ones answered, reported to voters, closed), and
every field other code reads is filled (search text, tracking code and key, dates the compliance rules count)."""

from __future__ import annotations

import datetime

from unidecode import unidecode

from councils.choices import Gender
from utilities.text import SPACES, normalise
from voters.choices import AnswerOutcome, Channel, ForwardingStatus, PetitionKind, PetitionStatus
from voters.models import Forwarding, Petition
from voters.tracking import ALPHABET, GROUP, LENGTH

from ..builder.common import FAMILY, GIVEN, LETTER_TEXTS, MIDDLE, PETITION_TEXTS
from .shape import TODAY, WINDOW_START, CouncilInfo, aware, rng
from .writer import Table

FORWARD_DAYS = 10
ANSWER_DAYS = 30
EXTRA_TEXTS = {
    "dat-dai": ["Cử tri đề nghị công khai kế hoạch sử dụng đất đai và quy hoạch chi tiết tại {place}.",
                "Đề nghị giải quyết dứt điểm tranh chấp đất đai kéo dài tại {place}."],
    "giao-thong": ["Đề nghị nâng cấp tuyến đường liên thôn, đường vào trường học tại {place}."],
}
ANSWER = "Cơ quan đã trả lời bằng văn bản, nêu rõ kết quả và lộ trình giải quyết."
OUTCOMES = [AnswerOutcome.RESOLVED, AnswerOutcome.RESOLVED, AnswerOutcome.BEING_RESOLVED, AnswerOutcome.EXPLAINED]
PLACE_WORDS = ["tổ dân phố", "thôn", "khu dân cư", "ấp", "khu phố"]
STREET_WORDS = ["đường Lê Lợi", "đường Trần Hưng Đạo", "đường Nguyễn Trãi", "đường Hùng Vương", "chợ trung tâm",
                "khu công nghiệp", "đường tỉnh lộ", "trường tiểu học", "nhà văn hóa", "cầu dân sinh"]
CODE_SPACE = len(ALPHABET) ** LENGTH


def _encode(number: int) -> str:
    chars = []
    for _i in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    raw = "".join(chars)
    return f"{raw[:GROUP]}-{raw[GROUP:]}"


class TrackingCodes:
    """Unique, scattered codes: i -> (a*i + b) mod 23**8 with a prime to 23 is a bijection."""

    def __init__(self, seed: int):
        r = rng(seed, "tracking")
        self.a = r.randrange(1, CODE_SPACE) * len(ALPHABET) + 1  # never a multiple of 23
        self.b = r.randrange(CODE_SPACE)
        self.keys = r

    def code(self, i: int) -> str:
        return _encode((self.a * i + self.b) % CODE_SPACE)

    def key(self) -> str:
        return _encode(self.keys.randrange(CODE_SPACE))


def _status_for(r, age: int) -> str:
    roll = r.random()
    if roll < 0.06:
        return PetitionStatus.MERGED
    roll = r.random()
    if age < 12:
        return PetitionStatus.RECEIVED if roll < 0.6 else PetitionStatus.CLASSIFIED
    if age < 45:
        return (PetitionStatus.CLASSIFIED if roll < 0.15 else
                PetitionStatus.FORWARDED if roll < 0.85 else PetitionStatus.ANSWERED)
    if age < 150:
        return (PetitionStatus.FORWARDED if roll < 0.3 else PetitionStatus.ANSWERED if roll < 0.65 else
                PetitionStatus.REPORTED if roll < 0.85 else PetitionStatus.CLOSED)
    return (PetitionStatus.FORWARDED if roll < 0.06 else PetitionStatus.ANSWERED if roll < 0.25 else
            PetitionStatus.REPORTED if roll < 0.55 else PetitionStatus.CLOSED)


_norm_cache: dict[str, str] = {}


def _norm(text: str) -> str:
    value = _norm_cache.get(text)
    if value is None:
        value = _norm_cache[text] = normalise(text)
    return value


_piece_cache: dict[str, str] = {}


def _norm_joined(*pieces: str) -> str:
    """``normalise("".join(pieces))`` from the pieces, each made accent-free and lower-case once: unidecode and
    lower-casing go letter by letter, so only the spaces need the whole text. A petition's text is one of a
    few templates around one of a council's places, but most of the million are distinct: normalising each
    whole took a quarter of the load."""
    out = []
    for piece in pieces:
        value = _piece_cache.get(piece)
        if value is None:
            value = _piece_cache[piece] = unidecode(piece).lower()
        out.append(value)
    return SPACES.sub(" ", "".join(out)).strip()


def seed_petitions(seed: int, councils: list[CouncilInfo], fields: dict, t: dict, progress=None) -> None:
    petitions, forwardings = t["petition"], t["forwarding"]
    codes = TrackingCodes(seed)
    by_id = {c.id: c for c in councils}
    texts = {code: [*PETITION_TEXTS[code], *EXTRA_TEXTS.get(code, [])] for code in PETITION_TEXTS}
    field_codes = list(texts)
    letter_kinds = list(LETTER_TEXTS)
    answer_norm = _norm(ANSWER)
    span = (TODAY - WINDOW_START).days - 1
    days = [WINDOW_START + datetime.timedelta(days=n) for n in range(span + 2)]
    for c in councils:
        if not c.petitions:
            continue
        r = rng(seed, f"petitions:{c.code}")
        province = by_id.get(c.parent_id)
        places = [f"{r.choice(PLACE_WORDS)} {n}" for n in range(1, 9)] + [r.choice(STREET_WORDS) for _n in range(4)]
        mid_session, mid_date = c.sessions[0]
        meetings, receptions = c.meetings, c.receptions
        ubnd = c.agencies[0]
        recent_live: list = []
        numbers = {"KN": 0, "ĐT": 0}
        for _n in range(c.petitions):
            pk = petitions.take_id()
            roll = r.random()
            meeting = reception = None
            sender = address = ""
            if roll < 0.1 and receptions:
                reception, received = r.choice(receptions)
                kind, channel = r.choice(letter_kinds), Channel.CITIZEN_RECEPTION
            elif roll < 0.2:
                kind = r.choice(letter_kinds)
                channel = Channel.MAIL if roll < 0.16 else Channel.ONLINE
                received = days[r.randint(0, span)]
            elif roll < 0.8 and meetings:
                meeting, received = r.choice(meetings)
                kind, channel = PetitionKind.VOTER_PETITION, Channel.VOTER_MEETING
            else:
                kind = PetitionKind.VOTER_PETITION
                channel = Channel.ONLINE if roll < 0.9 else Channel.DIRECT
                received = days[r.randint(0, span)]
            place = r.choice(places)
            if kind == PetitionKind.VOTER_PETITION:
                field_code = field_codes[int(r.random() * len(field_codes))]
                template = r.choice(texts[field_code])
                prefix = "KN"
            else:
                field_code = "dat-dai" if kind != PetitionKind.REQUEST else "van-hoa-the-thao"
                template = r.choice(LETTER_TEXTS[kind])
                prefix = "ĐT"
                gender = Gender.MALE if r.random() < 0.6 else Gender.FEMALE
                names = (r.choice(FAMILY), " ", r.choice(MIDDLE[gender]), " ", r.choice(GIVEN[gender]))
                sender = "".join(names)
                address = f"{place}, {c.area_name}"
            where = f"{place}, {c.area_name}"
            pieces = template.split("{place}")
            content = where.join(pieces)
            content_norm = _norm_joined(pieces[0], *(part for piece in pieces[1:] for part in (where, piece)))
            numbers[prefix] += 1
            serial = f"-{received.year}-{numbers[prefix]:06d}"
            code = prefix + serial
            age = (TODAY - received).days
            status = _status_for(r, age)
            merged_into = None
            if status == PetitionStatus.MERGED:
                if recent_live:
                    merged_into, content, content_norm = recent_live[int(r.random() * len(recent_live))]
                else:
                    status = PetitionStatus.CLASSIFIED if age >= 12 else PetitionStatus.RECEIVED
            search = f"{content_norm} {_norm(prefix)}{serial}" + (f" {_norm_joined(*names)}" if sender else "")
            classified = status != PetitionStatus.RECEIVED
            forward_due = received + datetime.timedelta(days=FORWARD_DAYS)
            forwarded_on = reported = None
            stamp = aware(received)
            updated = stamp
            if status in (PetitionStatus.FORWARDED, PetitionStatus.ANSWERED, PetitionStatus.REPORTED,
                          PetitionStatus.CLOSED):
                forwarded_on = min(received + datetime.timedelta(days=r.choice((2, 4, 6, 8, 9, 12, 15))), TODAY)
                due = forwarded_on + datetime.timedelta(days=ANSWER_DAYS)
                targets = [c.by_field.get(field_code) or (province.by_field.get(field_code) if province else None)
                           or ubnd]
                extra = r.random()
                if extra < 0.3 and ubnd not in targets:
                    targets.append(ubnd)
                elif extra < 0.3 and len(c.agencies) > 1 and c.agencies[1] not in targets:
                    targets.append(c.agencies[1])
                if extra < 0.07 and province and province.agencies[0] not in targets:
                    targets.append(province.agencies[0])
                answered_all = status != PetitionStatus.FORWARDED
                latest = forwarded_on
                number = f"{r.randint(100, 999)}/HĐND-VP"
                fstamp = aware(forwarded_on)
                for k, agency in enumerate(targets):
                    answered = answered_all or (k > 0 and r.random() < 0.5)
                    if answered:
                        answered_on = forwarded_on + datetime.timedelta(days=r.randint(5, 45))
                        if answered_on > TODAY:
                            answered_on = TODAY
                        latest = max(latest, answered_on)
                        public = kind == PetitionKind.VOTER_PETITION and status in (PetitionStatus.REPORTED,
                                                                                    PetitionStatus.CLOSED)
                        forwardings.add((forwardings.take_id(), pk, c.id, agency, number, forwarded_on, due,
                                         ForwardingStatus.ANSWERED, None, 0, ANSWER, answered_on,
                                         OUTCOMES[int(r.random() * 4)], public, answered_on if public else None,
                                         f"{content_norm} {answer_norm}" if public else "", fstamp,
                                         aware(answered_on), 2))
                    elif r.random() < 0.15:
                        since = min(forwarded_on + datetime.timedelta(days=5), TODAY)
                        forwardings.add((forwardings.take_id(), pk, c.id, agency, number, forwarded_on, due,
                                         ForwardingStatus.CLARIFICATION, since, r.randint(2, 6), "", None, "", False,
                                         None, "", fstamp, aware(since), 2))
                    else:
                        forwardings.add((forwardings.take_id(), pk, c.id, agency, number, forwarded_on, due,
                                         ForwardingStatus.PENDING, None, 0, "", None, "", False, None, "", fstamp,
                                         fstamp, 1))
                if status in (PetitionStatus.REPORTED, PetitionStatus.CLOSED) and latest < mid_date:
                    reported = mid_session
                updated = aware(latest if latest <= TODAY else TODAY)
            voters = r.randint(1, 40) if meeting else 1
            petitions.add((pk, c.id, kind, code, content, search, fields[field_code] if classified else None, channel,
                           meeting, reception, sender, address, received, status, forward_due, forwarded_on, reported,
                           merged_into, voters, 1, codes.code(pk), codes.key(), stamp, updated,
                           1 if status == PetitionStatus.RECEIVED else 2))
            if status != PetitionStatus.MERGED:
                recent_live.append((pk, content, content_norm))
                if len(recent_live) > 40:
                    del recent_live[0]
        if progress:
            progress(c.petitions)


PETITION_COLUMNS = ["id", "council_id", "kind", "code", "content", "search_text", "field_id", "channel", "meeting_id",
                    "reception_id", "sender_name", "sender_address", "received_on", "status", "forward_due",
                    "forwarded_on", "reported_session_id", "merged_into_id", "voters_count", "meetings_count",
                    "tracking_code", "tracking_key", "created_at", "updated_at", "version"]
FORWARDING_COLUMNS = ["id", "petition_id", "council_id", "agency_id", "document_number", "forwarded_on", "due_date", "status",
                      "clarification_since", "paused_days", "answer", "answered_on", "outcome", "answer_public",
                      "answer_published_on", "public_search_text", "created_at", "updated_at", "version"]


def tables() -> dict:
    return {"petition": Table(Petition, PETITION_COLUMNS), "forwarding": Table(Forwarding, FORWARDING_COLUMNS)}
