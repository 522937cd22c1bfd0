"""Microseconds per `reqlint.lint(dict)` of a typical request, after the first call
(python benches/python_lint.py, with the package installed). The same lint from Rust: `bash benches/instructions.sh`."""

import timeit

import reqlint

REQUEST = {
    "name": "ims_test_file",
    "description": "image from an OBS file",
    "image_url": "ims-image:centos70.qcow2",
    "os_version": "CentOS 7.0 64bit",
    "min_disk": 40,
    "image_tags": [{"key": "team", "value": "web"}],
}

reqlint.lint(REQUEST)
n = 20_000
for name, call in [
    ("lint(dict)", lambda: reqlint.lint(REQUEST)),
    ("lint(dict, api)", lambda: reqlint.lint(REQUEST, "huawei-ims-create-image")),
]:
    best = min(timeit.repeat(call, number=n, repeat=5)) / n
    print(f"{name}: {best * 1e6:.1f} us per call")
