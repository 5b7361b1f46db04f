"""Writes the PDF of every document kind, filled with its sample context, into a folder (``make doc-previews``
turns each first page into the PNG committed in docs/documents/)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from documents import rendering
from documents.rendering.samples import SAMPLES


class Command(BaseCommand):
    help = "Ghi bản PDF mẫu của từng loại văn bản vào một thư mục."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options):
        folder.mkdir(parents=True, exist_ok=True)
        for kind, context in SAMPLES.items():
            path = folder / f"{kind}.pdf"
            path.write_bytes(rendering.render_pdf(kind, context))
            self.stdout.write(str(path))
