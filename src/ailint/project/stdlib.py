"""Top-level modules that come with Python, whichever version the project targets."""

from __future__ import annotations

import sys

# sys.stdlib_module_names describes the running interpreter only; a project may target
# others. These are the standard modules it may lack: removed in 3.12 / 3.13 (PEP 594,
# PEP 632), added in 3.11 to 3.14, CPython's own test-support modules, typeshed's
# type-checking-only module, the built-in modules of PyPy, Jython and Pyodide, and Python 2's names
# (code guarded for both, or a leftover: not an invented package either way).
_OTHER_VERSIONS = frozenset(
    """
    __future__ __main__ _typeshed test
    aifc asynchat asyncore audioop cgi cgitb chunk crypt distutils imghdr imp lib2to3 mailcap
    msilib nis nntplib ossaudiodev pipes smtpd sndhdr spwd sunau telnetlib uu xdrlib
    tomllib graphlib zoneinfo annotationlib compression _colorize _pyrepl _interpreters
    _interpqueues _interpchannels _suggestions
    _testcapi _testinternalcapi _testbuffer _testimportmultiple _testmultiphase _testsinglephase
    _testclinic _testclinic_limited _testlimitedcapi _testexternalinspection _xxtestfuzz
    _ctypes_test _xxsubinterpreters _xxinterpchannels xxsubtype xxlimited xxlimited_35
    __hello__ __phello__ _testconsole
    __pypy__ java javax js pyodide_js
    __builtin__ _winreg BaseHTTPServer CGIHTTPServer ConfigParser Cookie Dialog FileDialog
    HTMLParser Queue ScrolledText SimpleHTTPServer SocketServer StringIO Tix Tkinter UserDict
    UserList UserString anydbm cPickle cStringIO commands compiler cookielib copy_reg dbhash
    dircache dumbdbm dummy_thread dummy_threading exceptions fpformat gdbm htmlentitydefs htmllib
    httplib imputil markupbase md5 mhlib mimetools mimify multifile new popen2 posixfile repr
    rfc822 robotparser sets sgmllib sha statvfs thread tkColorChooser tkCommonDialog tkFileDialog
    tkMessageBox tkSimpleDialog ttk urllib2 urlparse user whichdb xmlrpclib
    """.split()
)

STANDARD_MODULES: frozenset[str] = frozenset(sys.stdlib_module_names) | _OTHER_VERSIONS


def is_standard(module: str) -> bool:
    """Whether ``module``'s top-level package comes with Python."""
    return module.partition(".")[0] in STANDARD_MODULES
