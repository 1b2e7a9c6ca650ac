"""Tables offered for download as CSV that Excel opens with Vietnamese intact (UTF-8 with a BOM)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from fastapi.responses import Response


def csv_download(
    columns: Sequence[tuple[str, str]], rows: Iterable[Mapping[str, object]], filename: str
) -> Response:
    """One line per row; `columns` pairs each row key with its Vietnamese heading; None is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([title for _, title in columns])
    for row in rows:
        writer.writerow(["" if row[name] is None else row[name] for name, _ in columns])
    return Response(
        "\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
