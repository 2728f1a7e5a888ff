# The compiled part of concord (python/src/): typed here for checkers; the
# package's own modules (concord/_index.py, _searcher.py) are typed inline.
from types import TracebackType
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Type

__version__: str

class MentionStream(Iterator[Dict[str, Any]]):
    """Mention records one at a time (concord.Searcher.mentions)."""

    def __iter__(self) -> MentionStream: ...
    def __next__(self) -> Dict[str, Any]: ...
    @property
    def summary(self) -> Dict[str, Any]: ...
    def close(self) -> None: ...
    def to_pandas(self) -> Any: ...
    def __enter__(self) -> MentionStream: ...
    def __exit__(
        self,
        type: Optional[Type[BaseException]],
        value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None: ...

class _Index:
    def __init__(
        self,
        path: bytes,
        shards: int,
        entity_files: List[bytes],
        tag_entities: bool,
        batch_bytes: int,
        create: bool,
        stem_terms: bool,
    ) -> None: ...
    def add(self, article: Dict[str, Any]) -> None: ...
    def remove(self, id: str) -> None: ...
    def commit(self) -> None: ...
    def retag(self) -> int: ...
    def optimize(self) -> None: ...
    def stats(self) -> Any: ...
    def add_paths(
        self,
        paths: List[bytes],
        progress: Optional[Callable[[int, int, int, int], Optional[bool]]],
        on_warning: Optional[Callable[[str], Any]],
        prune: bool,
        verify: bool,
        jsonl_fields: List[Tuple[str, str]],
        threads: int,
    ) -> Any: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    @property
    def dictionary_warnings(self) -> List[str]: ...

class _Searcher:
    def __init__(
        self,
        paths: List[bytes],
        entity_files: List[bytes],
        allow_partial: bool,
        remote_timeout_ms: int,
    ) -> None: ...
    def search(
        self,
        query: str,
        limit: int,
        offset: int,
        sort: str,
        aliases: bool,
        collapse: bool,
        exact_total: bool,
        snippet_words: int,
    ) -> Tuple[List[Any], int, bool, bool, List[Dict[str, Any]]]: ...
    def mentions(
        self,
        name: str,
        query: str,
        limit: Optional[int],
        context_words: int,
        aliases: bool,
        min_confidence: str,
    ) -> MentionStream: ...
    def count(
        self,
        names: List[str],
        by: str,
        query: str,
        aliases: bool,
        min_confidence: str,
        one_figure_layout: bool,
    ) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]], int, bool]: ...
    def explain(self, query: str, aliases: bool, json: bool) -> str: ...
    def document(self, id: str) -> Dict[str, Any]: ...
    def stats(self) -> Any: ...
    def notes(self) -> Dict[str, Any]: ...
    def refresh(self) -> None: ...
    def close(self) -> None: ...
