"""Each council's petition numbering (pattern and sequence), and a number for every petition recorded without
one, in the default pattern, numbered by the year it was received in."""

import django.db.models.deletion
import voters.numbering
from django.db import migrations, models
from django.utils import timezone

from voters.numbering import DEFAULT_PATTERN, format_number
from voters.search import petition_search_text


def backfill(apps, schema_editor):
    Petition = apps.get_model("voters", "Petition")
    PetitionNumbering = apps.get_model("voters", "PetitionNumbering")
    this_year = timezone.localdate().year
    councils = Petition.objects.filter(code="").values_list("council_id", flat=True).distinct()
    for council_id in sorted(set(councils)):
        taken = set(Petition.objects.filter(council_id=council_id).exclude(code="").values_list("code", flat=True))
        last_by_year: dict[int, int] = {}
        batch = []
        for petition in (Petition.objects.filter(council_id=council_id, code="")
                         .only("pk", "received_on", "content", "sender_name").order_by("received_on", "pk")):
            year = petition.received_on.year
            seq = last_by_year.get(year, 0)
            while True:
                seq += 1
                code = format_number(DEFAULT_PATTERN, year=year, seq=seq)
                if code not in taken:
                    break
            last_by_year[year] = seq
            taken.add(code)
            petition.code = code
            petition.search_text = petition_search_text(content=petition.content, code=code,
                                                        sender_name=petition.sender_name)
            batch.append(petition)
        Petition.objects.bulk_update(batch, ["code", "search_text"], batch_size=1000)
        PetitionNumbering.objects.update_or_create(
            council_id=council_id, defaults={"year": this_year, "last_number": last_by_year.get(this_year, 0)})


class Migration(migrations.Migration):

    dependencies = [
        ('councils', '0008_session_document_read'),
        ('voters', '0009_tracking_code_unique'),
    ]

    operations = [
        migrations.CreateModel(
            name='PetitionNumbering',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('pattern', models.CharField(default='KN-{year}-{seq:04d}', help_text='{year}: năm tiếp nhận vào sổ; {seq:04d}: số thứ tự (4 chữ số), đánh lại từ 1 mỗi năm nếu mẫu có {year}. Ví dụ KN-{year}-{seq:04d} cho KN-2026-0001.', max_length=60, validators=[voters.numbering.validate_pattern], verbose_name='mẫu số hiệu')),
                ('year', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='năm đang đánh số')),
                ('last_number', models.PositiveIntegerField(default=0, editable=False, verbose_name='số thứ tự đã cấp gần nhất')),
                ('council', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='petition_numbering', to='councils.council', verbose_name='HĐND')),
            ],
            options={
                'verbose_name': 'cách đánh số kiến nghị',
                'verbose_name_plural': 'cách đánh số kiến nghị',
                'ordering': ['council'],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
