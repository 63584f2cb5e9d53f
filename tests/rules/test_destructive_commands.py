"""AIL203 / AIL204 and the command reading they share, beyond what the rules' examples show."""

from __future__ import annotations

import libcst as cst
import pytest

from ailint.rule import Severity
from ailint.rules.destructive.commands import CALLER_NAMES, PROCESS_CALLERS, Word, has_short_flag, split_options
from ailint.rules.destructive.git_command import DestructiveGitCommandRule
from ailint.rules.destructive.shell_command import DestructiveShellCommandRule

from conftest import lint

PATH = "src/app/tool.py"


def _shell(code: str, path: str = PATH, **kwargs) -> list[tuple[int, Severity]]:
    return [(f.line, f.severity) for f in lint(code, select="AIL203", path=path, **kwargs)]


def _git(code: str, path: str = PATH, **kwargs) -> list[tuple[int, Severity]]:
    return [(f.line, f.severity) for f in lint(code, select="AIL204", path=path, **kwargs)]


def _message(code: str, select: str) -> str:
    findings = lint(code, select=select, path=PATH)
    assert len(findings) == 1, findings
    return findings[0].message


# --- the rules' shape -----------------------------------------------------------------------


@pytest.mark.parametrize("rule", [DestructiveShellCommandRule, DestructiveGitCommandRule], ids=lambda r: r.code)
def test_rules_have_enough_examples_and_the_family_note(rule):
    assert len(rule.valid) >= 6 and len(rule.invalid) >= 3
    assert "destructive-calls.md" in rule.docs.notes


def test_every_caller_name_is_in_the_fast_reject_set():
    assert {name.rsplit(".", 1)[-1] for name in PROCESS_CALLERS} == CALLER_NAMES


# --- which calls spawn processes --------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "import subprocess as sp\nsp.run(['rm', '-rf', '/'])\n",
        "from subprocess import check_output\ncheck_output('rm -rf /', shell=True)\n",
        "from os import system\nsystem('rm -rf /')\n",
        "import os\nos.popen('rm -rf /')\n",
        "import os\nos.execvp('rm', ['rm', '-rf', '/'])\n",
        "import os\nos.execl('/bin/rm', 'rm', '-rf', '/')\n",
        "import os\nos.execle('/bin/rm', 'rm', '-rf', '/', {'PATH': '/bin'})\n",
        "import os\nos.spawnlp(os.P_WAIT, 'rm', 'rm', '-rf', '/')\n",
        "import os\nos.posix_spawn('/bin/rm', ['rm', '-rf', '/'], {})\n",
        "import subprocess\nsubprocess.Popen(args='rm -rf /', shell=True)\n",
        "import subprocess\nsubprocess.getoutput('rm -rf /')\n",
        "import asyncio\nasyncio.create_subprocess_shell('rm -rf /')\n",
        "import asyncio\nasyncio.create_subprocess_exec('rm', '-rf', '/')\n",
        "import pexpect\npexpect.spawn('rm', ['-rf', '/'])\n",
        "import pexpect\npexpect.spawn('rm', args=['-rf', '/'])\n",
        "import pexpect\npexpect.run('rm -rf /')\n",
    ],
)
def test_process_callers_are_recognised_through_imports(code):
    assert _shell(code) == [(2, Severity.HIGH)]


@pytest.mark.parametrize(
    "code",
    [
        "def system(command):\n    print(command)\n\nsystem('rm -rf /')\n",
        "def run(command):\n    print(command)\n\nrun(['rm', '-rf', '/'])\n",
        "from fabric import Connection\n\nConnection('host').run('rm -rf /')\n",
        "from deploy import system\n\nsystem('rm -rf /')\n",
        "import subprocess\n\nsubprocess.run(command)\n",
        "import subprocess\n\nsubprocess.run(*arguments)\n",
        "import os\n\nos.remove('rm -rf /')\n",
    ],
)
def test_other_functions_and_unknown_commands_are_not_flagged(code):
    assert _shell(code) == []


def test_pexpect_run_does_not_read_its_timeout_as_arguments():
    assert _shell("import pexpect\npexpect.run('ls', 30)\n") == []


# --- reading commands -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "severity"),
    [
        ("cd x && rm -rf build/*", None),
        ("cd x && rm -rf src/*", Severity.MEDIUM),
        ("cd x && rm -rf *", Severity.MEDIUM),
        ("cd / && rm -rf *", Severity.HIGH),
        ("rm -rf ./*", Severity.HIGH),
        ("make clean; rm -rf /", Severity.HIGH),
        ("ls | xargs rm -rf", Severity.MEDIUM),
        ("true || rm -rf ~", Severity.HIGH),
        ("cd /srv/app\nrm -rf *", Severity.MEDIUM),
        ("cd /tmp/work\nrm -rf *", None),
        ("cd\nrm -rf *", Severity.HIGH),
        ("rm -rf cache 2>/dev/null", Severity.MEDIUM),
        ("echo 'rm -rf /'", None),
        ("echo $(rm -rf /)", Severity.HIGH),
        ("sudo -u root rm -rf /", Severity.HIGH),
        ("sudo -E env PATH=/bin nohup nice -n 5 timeout 10 rm -rf /", Severity.HIGH),
        ("DEBUG=1 rm -rf /", Severity.HIGH),
        ("sh -c 'rm -rf /'", Severity.HIGH),
        ("bash -euxc \"cd /tmp/w && rm -rf *\"", None),
        ("bash script.sh", None),
        ("/bin/rm -Rf /", Severity.HIGH),
        ("rm --recursive /", Severity.HIGH),
        ("rm -f -- -rf", None),
        ("rm -rf 'unterminated", Severity.MEDIUM),
    ],
)
def test_shell_text_is_split_like_a_shell(command, severity):
    code = f"import os\n\nos.system({command!r})\n"
    assert _shell(code) == ([] if severity is None else [(3, severity)])


def test_an_argv_element_is_one_word_even_with_spaces():
    assert _shell("import subprocess\nsubprocess.run(['echo', 'x; rm -rf /'])\n") == []
    assert _shell("import subprocess\nsubprocess.run(['rm', '-rf', 'my dir'])\n") == [(2, Severity.MEDIUM)]


def test_list_and_string_forms_agree():
    as_list = "import subprocess\nsubprocess.run(['rm', '-rf', '/'])\n"
    as_text = "import subprocess\nsubprocess.run('rm -rf /', shell=True)\n"
    assert _shell(as_list) == _shell(as_text) == [(2, Severity.HIGH)]


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("import os, sys\nos.system(f'rm -rf {sys.argv[1]}')\n", Severity.HIGH),
        ("import os\nos.system(f'rm -rf {os.environ[\"OUT\"]}/cache')\n", Severity.HIGH),
        ("import os\ndef f(name):\n    os.system(f'rm -rf {name}')\n", Severity.MEDIUM),
        ("import os\ndef f(name):\n    os.system(f'rm -rf /tmp/{name}')\n", None),
        ("import os\ndef f(d):\n    os.system(f'rm -rf {d}/*')\n", Severity.HIGH),
        ("import os\ndef f(d):\n    os.system(f'rm -rf {{d}}')\n", Severity.MEDIUM),
        ("import os\ndef f(d):\n    os.system('rm -rf %s/%s' % (d, '*'))\n", Severity.HIGH),
        ("import os\nos.system('rm -rf %(p)s' % {'p': os.getcwd()})\n", Severity.HIGH),
        ("import os\nos.system('rm -rf {0}'.format(os.getcwd()))\n", Severity.HIGH),
        ("import os\nos.system('rm -rf {where}'.format(where='/'))\n", Severity.HIGH),
        ("import os\nos.system('rm -rf ' + os.getcwd())\n", Severity.HIGH),
        ("import os, tempfile\nscratch = tempfile.mkdtemp()\nos.system(f'rm -rf {scratch}')\n", None),
        ("import os\ntarget = '/'\nos.system(f'rm -rf {target}')\n", Severity.HIGH),
        ("import os\nflags = '-rf'\nos.system(f'rm {flags} /')\n", Severity.HIGH),
        ("import os\ndef f(flags):\n    os.system(f'rm {flags} /')\n", None),
        ("import os, shlex, sys\nos.system('rm -rf ' + shlex.quote(sys.argv[1]))\n", Severity.HIGH),
        ("import os\nos.system(' '.join(['rm', '-rf', '/']))\n", Severity.HIGH),
    ],
)
def test_interpolated_values_are_followed(code, severity):
    found = _shell(code)
    assert [item[1] for item in found] == ([] if severity is None else [severity])


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("import subprocess\ncommand = ['rm', '-rf', '/']\nsubprocess.run(command)\n", Severity.HIGH),
        ("import subprocess\nbase = ['rm', '-rf']\nsubprocess.run(base + ['/'])\n", Severity.HIGH),
        ("import subprocess\ncommand = 'rm -rf ~'\nsubprocess.run(command, shell=True)\n", Severity.HIGH),
        ("import subprocess, shlex\nsubprocess.run(shlex.split('rm -rf /'))\n", Severity.HIGH),
        ("import subprocess\ncommand = ['rm', '-rf', '/']\ncommand = ['ls']\nsubprocess.run(command)\n", None),
        ("import subprocess\nfor command in commands:\n    subprocess.run(command)\n", None),
    ],
)
def test_names_bound_to_commands_are_followed(code, severity):
    found = _shell(code)
    assert [item[1] for item in found] == ([] if severity is None else [severity])


def test_cwd_and_cd_decide_where_relative_targets_point():
    temporary = "import subprocess\ndef f(tmp_path):\n    subprocess.run(['rm', '-rf', 'out'], cwd=tmp_path)\n"
    assert _shell(temporary) == []
    ordinary = "import subprocess\ndef f(repo):\n    subprocess.run('rm -rf *', shell=True, cwd=repo)\n"
    assert _shell(ordinary) == [(3, Severity.MEDIUM)]
    climbing = "import subprocess\ndef f(tmp_path):\n    subprocess.run(['rm', '-rf', '../x'], cwd=tmp_path)\n"
    assert _shell(climbing) == [(3, Severity.MEDIUM)]
    untrusted = "import os, subprocess\nsubprocess.run('rm -rf build', shell=True, cwd=os.environ['ROOT'])\n"
    assert _shell(untrusted) == [(2, Severity.HIGH)]
    absolute = "import subprocess\ndef f(tmp_path):\n    subprocess.run(['rm', '-rf', '/'], cwd=tmp_path)\n"
    assert _shell(absolute) == [(3, Severity.HIGH)]


def test_one_finding_per_call_for_its_worst_command():
    code = "import os\nos.system('rm -rf build_output && rm -rf --no-preserve-root /')\n"
    assert _shell(code) == [(2, Severity.CRITICAL)]


# --- AIL203 verdicts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "severity"),
    [
        (["rm", "-rf", "/"], Severity.HIGH),
        (["rm", "-fr", "."], Severity.HIGH),
        (["rm", "-Rf", ".."], Severity.HIGH),
        (["rm", "-r", "-f", "*"], Severity.HIGH),
        (["rm", "-rf", ".*"], Severity.HIGH),
        (["rm", "-rf", "*.log"], Severity.MEDIUM),
        (["rm", "-rf", "/etc/*.conf"], Severity.HIGH),
        (["rm", "-rf", "/etc"], Severity.HIGH),
        (["rm", "-rf", "$HOME"], Severity.HIGH),
        (["rm", "-rf", "$HOME/.cache/app"], Severity.MEDIUM),
        (["rm", "-rf", "${OUT_DIR}/"], Severity.HIGH),
        (["rm", "-rf", "$TMPDIR/app"], None),
        (["rm", "-rf", "/tmp/*"], None),
        (["rm", "-rf", "build", "/"], Severity.HIGH),
        (["rm", "-rf", "build", "dist"], None),
        (["rm", "-rf", "build", "data"], Severity.MEDIUM),
        (["rm", "--no-preserve-root", "-rf", "/"], Severity.CRITICAL),
        (["rm", "-f", "/"], None),
        (["rm", "-i", "-d", "empty"], None),
        (["dd", "if=x.img", "of=/dev/sdb"], Severity.CRITICAL),
        (["dd", "if=/dev/sda", "of=/dev/null"], None),
        (["dd", "if=/dev/zero", "of=/dev/fd/3"], None),
        (["mkfs", "-t", "ext4", "/dev/nvme0n1p2"], Severity.CRITICAL),
        (["mke2fs", "/dev/sdc1"], Severity.CRITICAL),
        (["mkfs.ext4", "disk.img"], Severity.HIGH),
        (["shred", "-n", "3", "/dev/sda"], Severity.HIGH),
        (["shred", "-u", "/tmp/secret"], None),
        (["truncate", "-s0", "app.log"], Severity.MEDIUM),
        (["truncate", "--size", "0", "app.log"], Severity.MEDIUM),
        (["truncate", "-s", "+1M", "app.log"], None),
        (["chmod", "-R", "0777", "/"], Severity.HIGH),
        (["chmod", "-Rv", "ugo+rwx", "site"], Severity.MEDIUM),
        (["chmod", "-R", "777", "/tmp/share"], Severity.MEDIUM),
        (["chmod", "-R", "o+w", "site"], Severity.MEDIUM),
        (["chmod", "-R", "775", "site"], None),
        (["chmod", "-R", "go-w", "site"], None),
        (["chmod", "-R", "+w", "site"], None),
        (["find", "/", "-delete"], Severity.HIGH),
        (["find", "-L", "/srv/cache", "-type", "f", "-delete"], Severity.MEDIUM),
        (["find", "~", "-name", "*.tmp", "-delete"], Severity.MEDIUM),
        (["find", ".", "-execdir", "/bin/rm", "{}", ";"], Severity.HIGH),
        (["find", ".", "-name", "*.py"], None),
        (["find", "/tmp/cache", "-delete"], None),
    ],
)
def test_command_verdicts(argv, severity):
    code = f"import subprocess\n\nsubprocess.run({argv!r})\n"
    assert _shell(code) == ([] if severity is None else [(3, severity)])


def test_untrusted_start_stays_dangerous_even_with_a_name_test():
    code = "import os, sys\nos.system(f'find {sys.argv[1]} -name \"*.log\" -delete')\n"
    assert _shell(code) == [(2, Severity.HIGH)]


def test_messages_name_the_command_the_target_and_the_caller():
    message = _message("import subprocess as sp\nsp.run(['rm', '-rf', '/'])\n", "AIL203")
    assert message.startswith("`rm -rf` on `/` (the filesystem root) run through `subprocess.run`: ")
    message = _message("import os\ndef f(p):\n    os.system(f'rm -rf {p}/cache')\n", "AIL203")
    assert "`rm -rf` on `{p}/cache` run through `os.system`" in message
    message = _message("import os\nos.system('dd if=a of=/dev/sda')\n", "AIL203")
    assert message.startswith("`dd` on `/dev/sda` (a device)")


def test_guard_lowers_severity():
    code = (
        "import subprocess\n\ndef clean(dry_run):\n    if not dry_run:\n"
        "        subprocess.run(['rm', '-rf', '/srv/data'])\n"
    )
    findings = lint(code, select="AIL203", path=PATH)
    assert [(f.line, f.severity) for f in findings] == [(5, Severity.LOW)]
    assert "guarded by `not dry_run`" in findings[0].message
    dangerous = code.replace("/srv/data", "/")
    assert _shell(dangerous) == [(5, Severity.MEDIUM)]
    assert _shell(code, options={"AIL203": {"report-guarded": False}}) == []


def test_test_files_keep_only_dangerous_targets():
    ordinary = "import subprocess\nsubprocess.run(['rm', '-rf', 'out'])\n"
    dangerous = "import subprocess\nsubprocess.run(['rm', '-rf', '/'])\n"
    device = "import subprocess\nsubprocess.run(['mkfs.ext4', disk])\n"
    assert _shell(ordinary, path="tests/test_cli.py") == []
    assert _shell(dangerous, path="tests/test_cli.py") == [(2, Severity.HIGH)]
    assert _shell(device, path="tests/test_cli.py") == [(2, Severity.HIGH)]
    assert _shell(ordinary, path="tests/test_cli.py", options={"AIL203": {"include-tests": True}}) == [
        (2, Severity.MEDIUM)
    ]


def test_safe_path_prefixes_option():
    code = "import subprocess\nsubprocess.run(['rm', '-rf', 'var/cache'])\n"
    assert _shell(code) == [(2, Severity.MEDIUM)]
    assert _shell(code, options={"AIL203": {"safe-path-prefixes": ["var/"]}}) == []


# --- AIL204 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "severity"),
    [
        ("git push --force", Severity.HIGH),
        ("git push -f origin main", Severity.HIGH),
        ("git push -uf origin feature", Severity.HIGH),
        ("git push origin +main", Severity.HIGH),
        ("git push --force-with-lease --force", Severity.HIGH),
        ("git push --force-with-lease=main:abc123 origin main", None),
        ("git push --force-if-includes --force-with-lease", None),
        ("git push -f --dry-run", None),
        ("git push origin --delete feature", Severity.MEDIUM),
        ("git push -d origin feature", Severity.MEDIUM),
        ("git push origin :feature", Severity.MEDIUM),
        ("git push origin :", None),
        ("git push -o ci.skip origin main", None),
        ("git -C ../repo -c user.name=bot push -f", Severity.HIGH),
        ("git --git-dir=.git --work-tree=. reset --hard", Severity.HIGH),
        ("git --no-pager reset --hard HEAD~3", Severity.HIGH),
        ("git reset --keep HEAD~1", None),
        ("git reset --mixed", None),
        ("git clean -f", Severity.HIGH),
        ("git clean -xdf", Severity.HIGH),
        ("git clean --force -d", Severity.HIGH),
        ("git clean -fdn", None),
        ("git clean --dry-run -fdx", None),
        ("git clean -d", None),
        ("git branch -D old", Severity.MEDIUM),
        ("git branch --delete --force old", Severity.MEDIUM),
        ("git branch -df old", Severity.MEDIUM),
        ("git branch -d old", None),
        ("git branch -f main HEAD", None),
        ("git checkout .", Severity.MEDIUM),
        ("git checkout HEAD -- .", Severity.MEDIUM),
        ("git checkout --force main", Severity.MEDIUM),
        ("git checkout -B main", None),
        ("git checkout -- README.md", None),
        ("git restore .", Severity.MEDIUM),
        ("git restore --worktree --staged .", Severity.MEDIUM),
        ("git restore -S .", None),
        ("git restore src/app.py", None),
        ("sudo -u deploy git reset --hard", Severity.HIGH),
        ("bash -c 'git fetch && git reset --hard @{u}'", Severity.HIGH),
        ("echo git push --force", None),
        ("cd /tmp/checkout && git clean -fdx", None),
    ],
)
def test_git_command_verdicts(command, severity):
    code = f"import os\n\nos.system({command!r})\n"
    assert _git(code) == ([] if severity is None else [(3, severity)])


def test_git_program_path_and_argv_list():
    assert _git("import subprocess\nsubprocess.run(['/usr/bin/git', 'reset', '--hard'])\n") == [(2, Severity.HIGH)]
    assert _git("import subprocess\nsubprocess.run(['git', 'log', '--hard'])\n") == []


def test_git_messages_say_the_fix():
    message = _message("import subprocess\nsubprocess.run(['git', 'push', '-f'])\n", "AIL204")
    assert message.startswith("`git push -f` run through `subprocess.run`: ")
    assert "`--force-with-lease`" in message
    message = _message("import os\nos.system('git clean -fdx')\n", "AIL204")
    assert "`git clean -fdx`" in message and "`git clean -n`" in message


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("import git\nrepo = git.Repo(path)\nrepo.git.push('origin', 'main', force=True)\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.push('origin', f=True)\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.push('origin', '+main')\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.push('origin', force_with_lease=True)\n", None),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.reset(hard=True)\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.reset('--hard', 'origin/main')\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.reset('--soft', 'HEAD~1')\n", None),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.clean(f=True, d=True, x=True)\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.clean('-fdx', n=True)\n", None),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.branch(D=True)\n", Severity.MEDIUM),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.checkout('--', '.')\n", Severity.MEDIUM),
        ("from git import Repo\nrepo = Repo(path)\nrepo.git.execute(['git', 'push', '--force'])\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.remotes.origin.push(force=True)\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.remote().push(refspec='+main:main')\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.remote().push(force=False)\n", None),
        ("from git import Repo\nrepo = Repo(path)\nrepo.head.reset(index=True, working_tree=True)\n", Severity.HIGH),
        ("from git import Repo\nrepo = Repo(path)\nrepo.head.reset(index=True)\n", None),
        ("from git import Repo\nrepo = Repo(path)\nrepo.delete_head('old', force=True)\n", Severity.MEDIUM),
        ("from git import Repo\nrepo = Repo(path)\nrepo.heads.main.checkout(force=True)\n", Severity.MEDIUM),
        ("import git.repo\nr = git.repo.Repo(path)\nr.git.reset('--hard')\n", Severity.HIGH),
    ],
)
def test_gitpython_shapes(code, severity):
    assert _git(code) == ([] if severity is None else [(3, severity)])


def test_gitpython_shapes_need_a_git_import():
    assert _git("repo.git.push(force=True)\nremote.push(force=True)\nrepo.head.reset(working_tree=True)\n") == []
    assert _git("from .git import helpers\nrepo.git.push(force=True)\n") == []
    assert _git("import gitlab\nrepo.git.push(force=True)\n") == []


def test_gitpython_repository_opened_in_scratch_space_is_not_flagged():
    with_block = (
        "import tempfile\nfrom git import Repo\n\nwith tempfile.TemporaryDirectory() as d:\n"
        "    repo = Repo.init(d)\n    repo.git.clean('-fdx')\n"
    )
    assert _git(with_block) == []
    clone = "from git import Repo\n\ndef f(tmp_path, url):\n    repo = {clone}\n    repo.git.push(force=True)\n"
    assert _git(clone.format(clone="Repo.clone_from(url, tmp_path)")) == []
    assert _git(clone.format(clone="Repo.clone_from(url, to_path=tmp_path)")) == []
    assert _git(clone.format(clone="Repo.clone_from(url, 'checkout')")) == [(5, Severity.HIGH)]


def test_git_in_scratch_repository_through_cwd_or_c():
    cwd = "import subprocess\ndef f(tmp_path):\n    subprocess.run(['git', 'reset', '--hard'], cwd=tmp_path)\n"
    option = "import subprocess\ndef f(tmp_path):\n    subprocess.run(['git', '-C', tmp_path, 'push', '-f'])\n"
    ordinary = "import subprocess\ndef f(repo):\n    subprocess.run(['git', '-C', repo, 'push', '-f'])\n"
    assert _git(cwd) == [] and _git(option) == []
    assert _git(ordinary) == [(3, Severity.HIGH)]


def test_git_guard_and_test_files():
    guarded = "import subprocess\ndef f(force):\n    if force:\n        subprocess.run(['git', 'push', '-f'])\n"
    assert _git(guarded) == [(4, Severity.MEDIUM)]
    plain = "import subprocess\nsubprocess.run(['git', 'reset', '--hard'])\n"
    assert _git(plain, path="tests/test_release.py") == []


def test_the_two_rules_do_not_overlap():
    code = "import os\nos.system('git clean -fdx && rm -rf /')\n"
    assert [f.code for f in lint(code, select=["AIL203", "AIL204"], path=PATH)] == ["AIL203", "AIL204"]


# --- helpers --------------------------------------------------------------------------------


def test_split_options_stops_at_double_dash_and_skips_values():
    words = [Word((text,)) for text in ("-n", "3", "-u", "--", "-rf", "file")]
    options, operands = split_options(words, frozenset({"-n"}))
    assert options == ["-n", "-u"]
    assert [word.literal for word in operands] == ["-rf", "file"]


def test_short_flags_are_read_from_clusters_only():
    assert has_short_flag(["-rf"], "r")
    assert not has_short_flag(["--recursive"], "r")
    assert has_short_flag(["-v", "-R"], "r", "R")


def test_word_describes_interpolations():
    word = Word(("/srv/", cst.parse_expression("name"), "/*"))
    assert word.literal is None and word.describe() == "/srv/{name}/*"
