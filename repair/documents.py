"""Many documents in one request (``POST /v1/repair/batch``), without HTTP.

The batch is bounded in count and in characters, refused whole when over either. Each
document is then validated and repaired on its own and answered in its place, in order: the
answer of ``POST /v1/repair`` with the document's id, or the API's error with its id. The
documents share the request's deadline, so a batch answers in about the time one text may take.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from repair.answer import error_json, gazetteer_json, result_json
from repair.deadline import Deadline
from repair.errors import InvalidRequest, RepairError, TextTooLong
from repair.models import RepairOptions, RepairResult
from repair.pipeline import Repairer
from repair.request import BatchDocument, BatchRequest, read_request, validated

log = logging.getLogger(__name__)


def answer_batch(
    repairer: Repairer,
    body: Any,
    defaults: RepairOptions,
    *,
    max_documents: int,
    max_chars: int,
    on_result: Callable[[RepairResult], None] | None = None,
) -> dict[str, Any]:
    """``{"results": [...]}``, one item per document of ``body``, in order.

    :raises InvalidRequest: the body is no batch, or has more than ``max_documents``.
    :raises TextTooLong: its texts have more than ``max_chars`` characters in all.
    """
    batch = validated(BatchRequest, body)
    documents: list[Any] = list(batch.documents)
    if len(documents) > max_documents:
        raise InvalidRequest(f"a batch holds at most {max_documents:,} documents, not {len(documents):,}")
    total = sum(len(d["text"]) for d in documents if isinstance(d, dict) and isinstance(d.get("text"), str))
    if total > max_chars:
        raise TextTooLong(f"the batch's texts have {total:,} characters; the most in one batch is {max_chars:,}")
    deadline = Deadline(repairer.deadline)
    gazetteer = gazetteer_json(repairer.index.gazetteer)
    results: list[dict[str, Any]] = []
    for document in documents:
        item_id = document.get("id") if isinstance(document, dict) else None
        if not isinstance(item_id, (str, int)) or isinstance(item_id, bool):
            item_id = None
        try:
            validated(BatchDocument, document)
            text, options = read_request(document, defaults)
            result = repairer.repair(text, options, deadline=deadline)
        except RepairError as exc:
            results.append({"id": item_id, **error_json(exc.code, str(exc))})
            continue
        except Exception:  # one document's failure is its own answer, not the batch's
            log.exception("the pipeline failed on a batch document")
            failed = error_json("internal_error", "the service failed on this document; it has been logged")
            results.append({"id": item_id, **failed})
            continue
        if on_result is not None:
            on_result(result)
        results.append({"id": item_id, **result_json(result, options, gazetteer)})
    return {"results": results}
