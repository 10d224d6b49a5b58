"""CSV files that open cleanly in a French spreadsheet: UTF-8 with a BOM (so that accents come
out right), semicolons between fields, decimal commas, one row per attempt or per step."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import datetime

from flask import Response

from kiosk.agent.formats import decimal_fr

STATUS_WORDS = {"passed": "réussi", "failed": "pas encore réussi", "abandoned": "arrêté"}


def to_text(rows: Iterable[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def response(text: str, filename: str) -> Response:
    return Response(text.encode("utf-8"), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Content-Type": "text/csv; charset=utf-8"})


def attempts(rows: list[dict], title_of: Callable[[str], str]) -> str:
    header = ["tentative", "date", "heure", "code apprenant", "exercice", "titre", "site", "mode",
              "langue", "résultat", "score (%)", "étoiles", "durée (min)", "étapes faites",
              "indices", "mises en évidence", "erreurs"]
    lines = [header]
    for a in rows:
        started = datetime.fromtimestamp(a["started_at"])
        minutes = (a["ended_at"] - a["started_at"]) / 60 if a["ended_at"] else None
        lines.append([
            a["id"], started.strftime("%d/%m/%Y"), started.strftime("%H:%M"),
            a["learner_code"] or "", a["scenario_id"], title_of(a["scenario_id"]), a["site"],
            a["mode"], a["lang"], STATUS_WORDS.get(a["status"], a["status"]),
            decimal_fr(a["score"] * 100 if a["score"] is not None else None),
            a["stars"] if a["stars"] is not None else "", decimal_fr(minutes), a["steps_done"],
            a["hints"], a["highlights"], a["mistakes"]])
    return to_text(lines)


def funnel(rows: list[dict]) -> str:
    header = ["étape", "identifiant", "consigne", "atteinte", "faite seul", "avec indices",
              "avec mise en évidence", "après des erreurs", "arrêtés à cette étape",
              "faite seul (%)"]
    lines = [header]
    for r in rows:
        lines.append([r["index"] + 1, r["id"], r["label"], r["reached"], r["alone"], r["hints"],
                      r["highlight"], r["mistakes"], r["stopped"],
                      decimal_fr(r["alone_share"] * 100 if r["alone_share"] is not None else None)])
    return to_text(lines)
