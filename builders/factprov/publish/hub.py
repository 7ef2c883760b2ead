"""Upload a release folder to the Hugging Face Hub and tag it ``v<version>``.

Only ``huggingface_hub``'s documented calls are used: ``create_repo`` (a dataset
repository, kept if it exists), ``list_repo_refs`` (a version is published once),
``upload_folder`` (one commit; data files of an earlier release that this one no
longer has are deleted in the same commit) and ``create_tag`` on that commit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factprov.publish.folder import MARKER


class PublishError(Exception):
    """The Hub refused the release, or it was published before."""


def tag_name(version: str) -> str:
    return f"v{version}"


def upload(folder: Path, repo_id: str, version: str, api: Any = None, token: str | None = None) -> str:
    """Upload ``folder`` to the dataset repository ``repo_id`` and tag the commit; return the commit URL."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError

    api = api or HfApi(token=token)
    tag = tag_name(version)
    try:
        api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
        tags = {ref.name for ref in api.list_repo_refs(repo_id, repo_type="dataset").tags}
        if tag in tags:
            raise PublishError(f"{repo_id} already has the tag {tag}: a version is published once; "
                               "raise the version in dataset/README.md (CONTRIBUTING.md, step 8)")
        commit = api.upload_folder(repo_id=repo_id, repo_type="dataset", folder_path=str(folder),
                                   commit_message=f"factprov {version}", delete_patterns=["data/**"],
                                   ignore_patterns=[MARKER])  # the folder's own marker is not part of the release
        api.create_tag(repo_id, tag=tag, tag_message=f"factprov {version}", revision=commit.oid,
                       repo_type="dataset")
    except HfHubHTTPError as exc:
        raise PublishError(f"the Hub refused the upload to {repo_id}: {exc}") from None
    except (OSError, ValueError) as exc:  # no network, offline mode, no token, a bad folder
        raise PublishError(f"could not reach the Hub to upload to {repo_id}: {type(exc).__name__}: {exc}") from None
    return commit.commit_url
