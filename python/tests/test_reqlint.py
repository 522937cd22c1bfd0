"""The Python package's contract (docs/spec/interface.md "Python"), against the real SDK
objects installed from PyPI."""

import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import reqlint

BAD_HUAWEI = {"name": "ims_test_file", "image_url": "ims-image:a.qcow2", "min_disk": 300}
GOOD_HUAWEI = {"name": "ims_test_file", "image_url": "ims-image:a.qcow2", "min_disk": 40}


def codes(findings):
    return sorted(f.code for f in findings)


def test_a_dict_gets_its_findings_without_positions():
    [f] = reqlint.lint(BAD_HUAWEI)
    assert (f.code, f.name, f.severity) == ("IMS006", "min-disk-out-of-range", "error")
    assert f.pointer == "/min_disk"
    assert "300" in f.message and f.help and f.url.endswith("/IMS006.md")
    assert f.cloud_error == "IMG.0055"
    assert (f.line, f.column) == (None, None)
    d = f.to_dict()
    assert d["code"] == "IMS006" and d["api"] == "huawei-ims-create-image"
    assert "line" not in d and "offset" not in d
    assert str(f) == "IMS006 `min_disk` is 300, above the maximum of 255 at /min_disk"


def test_text_gets_lines_and_columns_and_to_dict_is_the_json_output():
    text = '{\n  "name": "ims_test_file",\n  "image_url": "ims-image:a.qcow2",\n  "min_disk": 300\n}'
    [f] = reqlint.lint(text)
    assert (f.line, f.column) == (4, 15)
    out = subprocess.run(
        [sys.executable, "-m", "reqlint", "check", "--format", "json", "-"],
        input=text.encode(),
        capture_output=True,
        check=False,
    )
    assert out.returncode == 1
    cli = json.loads(out.stdout)["files"][0]["diagnostics"][0]
    assert f.to_dict() == cli
    assert reqlint.lint(text.encode())[0].to_dict() == cli


def test_check_raises_on_errors_and_returns_the_rest():
    with pytest.raises(reqlint.InvalidRequest) as e:
        reqlint.check(BAD_HUAWEI)
    assert isinstance(e.value, ValueError)
    assert codes(e.value.findings) == ["IMS006"]
    assert str(e.value).splitlines() == [str(e.value.findings[0])]
    assert reqlint.check(GOOD_HUAWEI) == []
    # A warning alone does not raise.
    warned = reqlint.check({"createImage": {"name": "web", "metadata": {}}})
    assert warned and all(f.severity != "error" for f in warned)


def test_api_detection_and_an_explicit_api():
    assert reqlint.lint(GOOD_HUAWEI, "huawei-ims-create-image") == []
    nova = reqlint.lint(GOOD_HUAWEI, "openstack-nova-create-image")
    assert "NOVA001" in codes(nova)
    with pytest.raises(ValueError, match="unknown API id"):
        reqlint.lint(GOOD_HUAWEI, "aws-ec2")


def test_apis_and_rules_as_the_command_line_lists_them():
    assert reqlint.apis() == [
        "huawei-ims-create-image",
        "huawei-ims-create-whole-image",
        "huawei-ims-create-data-image",
        "huawei-ims-quick-import-image",
        "openstack-nova-create-image",
        "alibaba-ecs-create-image",
    ]
    out = subprocess.run(
        [sys.executable, "-m", "reqlint", "rules", "--format", "json"],
        capture_output=True,
        check=True,
    )
    assert reqlint.rules() == json.loads(out.stdout)
    assert {"code", "name", "severity"} <= set(reqlint.rules()[0])


def test_config_and_filename(tmp_path):
    config = tmp_path / "reqlint.toml"
    config.write_text('[rules]\nignore = ["IMS006"]\n')
    assert reqlint.lint(BAD_HUAWEI, config=str(config)) == []
    config.write_text('[rules]\nignore = ["IMS06X"]\n')
    with pytest.raises(ValueError, match="invalid configuration"):
        reqlint.lint(BAD_HUAWEI, config=str(config))
    [f] = reqlint.lint(json.dumps(BAD_HUAWEI), filename="requests/obs.json")
    assert f.code == "IMS006"


def test_the_nearest_configuration_of_filename_applies(tmp_path):
    # A monorepo: the team's pyproject.toml extends the repository's reqlint.toml.
    (tmp_path / "reqlint.toml").write_text('[rules]\nseverity = { "IMS006" = "warning" }\n')
    team = tmp_path / "team"
    team.mkdir()
    (team / "pyproject.toml").write_text(
        '[project]\nname = "team"\n\n[tool.reqlint]\nextend = "../reqlint.toml"\n'
    )
    [f] = reqlint.lint(BAD_HUAWEI, filename=str(team / "obs.json"))
    assert (f.code, f.severity) == ("IMS006", "warning")
    (team / "pyproject.toml").write_text('[tool.reqlint.rules]\nignore = ["IMS006"]\n')
    assert reqlint.lint(BAD_HUAWEI, filename=str(team / "obs.json")) == []


@pytest.mark.parametrize("bad", [3, None, 1.5, object(), ["a"], {1, 2}])
def test_what_is_not_a_request_is_a_type_error(bad):
    with pytest.raises(TypeError, match="takes a dict"):
        reqlint.lint(bad)


def test_bad_text_is_a_finding_not_a_crash():
    assert codes(reqlint.lint("{not json")) == ["RQL001"]
    assert codes(reqlint.lint(b"\xff{}")) == ["RQL002"]
    assert codes(reqlint.lint("")) == ["RQL003"]
    assert "RQL004" in codes(reqlint.lint("[1, 2]"))
    deep = "[" * 100_000 + "]" * 100_000
    assert reqlint.lint(deep)
    with pytest.raises(TypeError, match="cannot be written as JSON"):
        reqlint.lint({"name": float("nan")})


def test_alibaba_tea_sdk_request():
    from alibabacloud_ecs20140526 import models

    request = models.CreateImageRequest(
        region_id="cn-hangzhou",
        image_name="1-web",
        instance_id="i-bp1g6zv0ce8oghu7****",
        tag=[models.CreateImageRequestTag(key="acs:team", value="web")],
    )
    assert codes(reqlint.lint(request)) == ["ALI003", "ALI024"]
    with pytest.raises(ValueError, match="alibaba-ecs-create-image request"):
        reqlint.lint(request, "huawei-ims-create-image")
    with pytest.raises(TypeError, match="DescribeImagesRequest"):
        reqlint.lint(models.DescribeImagesRequest(region_id="cn-hangzhou"))


def test_alibaba_core_sdk_request_in_the_flattened_form():
    from aliyunsdkecs.request.v20140526.CreateImageRequest import CreateImageRequest

    request = CreateImageRequest()
    request.set_ImageName("1-web")
    request.set_InstanceId("i-bp1g6zv0ce8oghu7****")
    request.set_Tags([{"Key": "acs:team", "Value": "web"}])
    findings = reqlint.lint(request)
    # The client adds RegionId from its own region: not missing.
    assert codes(findings) == ["ALI003", "ALI024"]
    assert "`Tag.1.Key`" in [f for f in findings if f.code == "ALI024"][0].message


def test_huawei_sdk_requests():
    from huaweicloudsdkims.v2 import (
        CreateImageRequest,
        CreateImageRequestBody,
        CreateWholeImageRequest,
        CreateWholeImageRequestBody,
        ListImagesRequest,
        TagKeyValue,
    )

    body = CreateImageRequestBody(
        name="golden image!",
        instance_id="877a2cda-ba63-4e1e-b95f-e67e48b6129a",
        image_tags=[TagKeyValue(key="team", value="web")],
    )
    assert codes(reqlint.lint(body)) == ["HW001"]
    assert codes(reqlint.lint(CreateImageRequest(body=body))) == ["HW001"]
    whole = CreateWholeImageRequestBody(
        name="web-whole",
        instance_id="877a2cda-ba63-4e1e-b95f-e67e48b6129a",
        vault_id="3b8d9b8e-7b2c-4b4d-9c6e-0c4e1f4f8a2b",
    )
    assert reqlint.lint(CreateWholeImageRequest(body=whole)) == []
    with pytest.raises(TypeError, match="ListImagesRequest"):
        reqlint.lint(ListImagesRequest())


def test_sdk_classes_of_the_packs_added_as_data():
    # The data image and quick import packs name their SDK classes in rules/<api>/sdk.json: no
    # Python names them, and each body is checked against its own API, not POST
    # /v2/cloudimages/action's (whose min_disk is at most 255).
    from huaweicloudsdkims.v2 import (
        CreateDataImageRequest,
        CreateDataImageRequestBody,
        ImportImageQuickRequest,
        QuickImportImageByFileRequestBody,
    )

    data = CreateDataImageRequestBody(
        name="fedora-data1", image_url="image-test:fedora_data1.qcow2", min_disk=2048
    )
    assert reqlint.lint(CreateDataImageRequest(body=data)) == []
    data.min_disk = 4096
    findings = reqlint.lint(CreateDataImageRequest(body=data))
    assert codes(findings) == ["IMS201"]
    quick = QuickImportImageByFileRequestBody(
        name="ims_test_file",
        image_url="ims-image:centos70.zvhd2",
        os_version="CentOS 7.0 64bit",
        min_disk=2048,
    )
    assert codes(reqlint.lint(ImportImageQuickRequest(body=quick))) == ["IMS301"]
    assert codes(reqlint.lint(quick)) == ["IMS301"]
    assert "huawei-ims-quick-import-image" in reqlint.apis()


def test_threads_lint_in_parallel_with_the_same_results():
    requests = [dict(BAD_HUAWEI, min_disk=200 + i % 100) for i in range(2000)]
    alone = [codes(reqlint.lint(r)) for r in requests]
    seen = set()

    def lint(r):
        seen.add(threading.get_ident())
        return codes(reqlint.lint(r))

    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lint, requests))
    assert together == alone
    # min_disk 200..299: 256..299 are above the maximum, 44 in every 100.
    assert alone.count(["IMS006"]) == 2000 * 44 // 100
    assert len(seen) > 1


def test_the_reqlint_command_comes_with_the_package(tmp_path):
    request = tmp_path / "request.json"
    request.write_text(json.dumps(BAD_HUAWEI))
    # Installed beside the interpreter, as pip installs console scripts.
    command = Path(sys.executable).with_name("reqlint")
    out = subprocess.run(
        [str(command), "check", "--format", "concise", str(request)],
        capture_output=True,
        check=False,
    )
    assert out.returncode == 1
    assert b"error[IMS006]" in out.stdout


# Online checks: an Alibaba ECS endpoint on loopback that verifies each request's signature
# (HMAC-SHA1 of Alibaba's documented string to sign, computed here with Python's own hmac) and
# answers the documented shapes.
_SECRET = "py-Sekr3t-41d7e0"


def _alibaba_endpoint():
    import base64
    import hashlib
    import hmac
    import http.server
    import urllib.parse

    calls = []

    def encode(s):
        return urllib.parse.quote(s, safe="-_.~")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            q = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(self.path).query))
            calls.append(q)
            signature = q.pop("Signature", "")
            canonical = "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(q.items()))
            to_sign = f"GET&{encode('/')}&{encode(canonical)}"
            digest = hmac.new(f"{_SECRET}&".encode(), to_sign.encode(), hashlib.sha1).digest()
            if base64.b64encode(digest).decode() != signature:
                status, body = 400, {"Code": "SignatureDoesNotMatch", "Message": "no"}
            elif q["Action"] == "DescribeInstances":
                ids = json.loads(q["InstanceIds"])
                status, body = 200, {"Instances": {"Instance": [
                    {"InstanceId": i, "Status": "Stopping", "OperationLocks": {"LockReason": []}}
                    for i in ids]}, "TotalCount": len(ids)}
            elif q["Action"] == "DescribeImages":
                status, body = 200, {"Images": {"Image": []}, "TotalCount": 0}
            elif q["Action"] == "DescribeDisks":
                disk = {"DiskId": "d-bp1system", "Category": "cloud_essd", "Type": "system"}
                status, body = 200, {"Disks": {"Disk": [disk]}, "TotalCount": 1}
            else:
                status, body = 400, {"Code": "DryRunOperation", "Message": "ok"}
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, calls


def test_online_asks_the_cloud_before_submitting(monkeypatch, tmp_path):
    server, calls = _alibaba_endpoint()
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tPyTest")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", _SECRET)
    monkeypatch.setenv(
        "REQLINT_ENDPOINT_ALIBABA_ECS", f"http://127.0.0.1:{server.server_address[1]}"
    )
    request = {"RegionId": "cn-hangzhou", "InstanceId": "i-bp1stopping", "ImageName": "web-2026"}
    # Without online=True, nothing is asked.
    assert reqlint.check(request) == []
    assert calls == []
    with pytest.raises(reqlint.InvalidRequest) as e:
        reqlint.check(request, online=True)
    (finding,) = e.value.findings
    assert finding.code == "ONL002"
    assert finding.pointer == "/InstanceId"
    assert "IncorrectInstanceStatus" in finding.message
    assert _SECRET not in str(e.value)
    actions = {c["Action"] for c in calls}
    assert actions == {"DescribeInstances", "DescribeDisks", "DescribeImages"}
    server.shutdown()


def test_online_without_credentials_is_a_note_not_an_error(monkeypatch, tmp_path):
    for name in ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                 "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    request = {"RegionId": "cn-hangzhou", "InstanceId": "i-bp1stopping", "ImageName": "web-2026"}
    with pytest.warns(reqlint.OnlineNote, match="no Alibaba Cloud credentials"):
        assert reqlint.check(request, online=True) == []

ORG_CHECKS = """
[[check]]
id = "ACME001"
name = "image-owner-tag"
on = "tags"
required-keys = ["owner", "cost-center"]
message = "every image carries `owner` and `cost-center` tags"

[[check]]
id = "ACME002"
on = "name"
pattern = "prod-[a-z0-9-]+"
message = "production image names start with `prod-`"

[[check]]
id = "ACME003"
on = "/RegionId"
apis = ["alibaba-ecs-create-image"]
pattern = "cn-.*"
"""


def test_organisation_checks_on_sdk_objects(tmp_path):
    from alibabacloud_ecs20140526 import models
    from aliyunsdkecs.request.v20140526.CreateImageRequest import CreateImageRequest
    from huaweicloudsdkims.v2 import CreateImageRequestBody, TagKeyValue

    config = tmp_path / "reqlint.toml"
    config.write_text(ORG_CHECKS)
    tea = models.CreateImageRequest(
        region_id="cn-hangzhou",
        image_name="web",
        instance_id="i-bp1g6zv0ce8oghu7****",
        tag=[models.CreateImageRequestTag(key="owner", value="team-web")],
    )
    findings = reqlint.lint(tea, config=str(config))
    assert codes(findings) == ["ACME001", "ACME002"]
    [tags] = [f for f in findings if f.code == "ACME001"]
    assert tags.pointer == "/Tag" and tags.severity == "error"
    tea.image_name = "prod-web"
    tea.tag.append(models.CreateImageRequestTag(key="cost-center", value="cc-1"))
    assert reqlint.lint(tea, config=str(config)) == []

    # The core SDK's client fills in RegionId: unknown here, so no check rests on it.
    core = CreateImageRequest()
    core.set_ImageName("prod-web")
    core.set_InstanceId("i-bp1g6zv0ce8oghu7****")
    core.set_Tags([{"Key": "owner", "Value": "a"}])
    [f] = reqlint.lint(core, config=str(config))
    assert f.code == "ACME001"
    assert "`Tag.1.Key`" not in f.message

    huawei = CreateImageRequestBody(
        name="web",
        instance_id="877a2cda-ba63-4e1e-b95f-e67e48b6129a",
        image_tags=[TagKeyValue(key="owner", value="a"), TagKeyValue(key="cost-center", value="b")],
    )
    assert codes(reqlint.lint(huawei, config=str(config))) == ["ACME002"]
    # Selected away like any rule.
    config.write_text(ORG_CHECKS + '\n[rules]\nignore = ["ACME002"]\n')
    assert reqlint.lint(huawei, config=str(config)) == []


def test_a_team_pack_is_added_before_the_first_lint(tmp_path):
    # A fresh interpreter: packs are added before anything is linted in the process.
    pack = Path(__file__).resolve().parents[2] / "fixtures" / "packs" / "acme-image-service"
    script = (
        "import json, sys, reqlint\n"
        "print(reqlint.add_pack(sys.argv[1]))\n"
        "found = reqlint.lint({'name': 'Web Image', 'acme_source': 'srv-1'})\n"
        "print(json.dumps([(f.code, f.pointer) for f in found]))\n"
        "try:\n"
        "    reqlint.add_pack(sys.argv[1])\n"
        "except ValueError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(pack)], capture_output=True, text=True, check=True
    )
    lines = out.stdout.splitlines()
    assert lines[0] == "acme-image-service"
    assert json.loads(lines[1]) == [["ACME001", "/name"]]
    assert "before the first request is linted" in lines[2]

