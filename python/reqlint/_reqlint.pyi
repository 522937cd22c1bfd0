from typing import List, Optional

__version__: str

def lint_json(
    text: bytes,
    api: Optional[str] = None,
    config: Optional[str] = None,
    filename: Optional[str] = None,
    supplied: Optional[List[str]] = None,
    online: Optional[bool] = None,
) -> str: ...
def apis() -> List[str]: ...
def rules_json() -> str: ...
def cli(argv: List[str]) -> int: ...
