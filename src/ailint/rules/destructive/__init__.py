"""AIL2xx: calls that delete files, data or history."""

from __future__ import annotations

from ailint.rule import Rule
from ailint.rules.destructive.destructive_sql import DestructiveSqlRule
from ailint.rules.destructive.filesystem_deletion import FilesystemDeletionRule
from ailint.rules.destructive.git_command import DestructiveGitCommandRule
from ailint.rules.destructive.mass_data_deletion import MassDataDeletionRule
from ailint.rules.destructive.mass_file_deletion import MassFileDeletionRule
from ailint.rules.destructive.shell_command import DestructiveShellCommandRule

DESTRUCTIVE_RULES: tuple[type[Rule], ...] = (
    FilesystemDeletionRule,
    MassFileDeletionRule,
    DestructiveShellCommandRule,
    DestructiveGitCommandRule,
    DestructiveSqlRule,
    MassDataDeletionRule,
)
