import asyncio
import os
import shlex
import subprocess
import sys
from subprocess import check_output

LOG_DIR = "/var/log/app"


def archive(directory):
    # ruleid: shell-command-injection
    subprocess.run(f"tar czf backup.tgz {directory}", shell=True, check=True)


def checkout(branch):
    cmd = "git checkout " + branch
    # ruleid: shell-command-injection
    subprocess.call(cmd, shell=True)


def grep(pattern, path):
    # ruleid: shell-command-injection
    return check_output("grep -r '%s' %s" % (pattern, path), shell=True)


def remove(name):
    # ruleid: shell-command-injection
    os.system("rm -f /tmp/{}".format(name))


def count_lines(path):
    # ruleid: shell-command-injection
    return os.popen("wc -l " + shlex.quote(path) + " | grep " + path).read()


async def convert(src, dst):
    command = f"ffmpeg -i {shlex.quote(src)} {dst}"
    # ruleid: shell-command-injection
    return await asyncio.create_subprocess_shell(command)


def copy(src, dst):
    # ok: shell-command-injection
    subprocess.run(f"cp {shlex.quote(src)} {shlex.quote(dst)}", shell=True, check=True)


def tail(path):
    # ok: shell-command-injection
    subprocess.run(f"tail -n 50 {path}", check=True)


def tail_list(path):
    # ok: shell-command-injection
    subprocess.run(["tail", "-n", "50", path], check=True)


def disk_usage():
    # ok: shell-command-injection
    return subprocess.check_output("du -sh /var/lib/docker | sort -h", shell=True)


def rotate_logs():
    # ok: shell-command-injection
    os.system(f"find {LOG_DIR} -name '*.gz' -mtime +30 -delete")


def run_tests():
    # ok: shell-command-injection
    subprocess.run(f"{sys.executable} -m pytest -q", shell=True, check=True)


def split_and_run(command_line):
    # ok: shell-command-injection
    subprocess.run(shlex.split(f"ls {command_line}"), check=True)


def kill(pid):
    # ok: shell-command-injection
    os.system("kill -TERM %d" % int(pid))
