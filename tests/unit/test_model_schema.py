"""The config model, the generated JSON Schema and its run-time reader."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from pyscript_config import model, schema, schema_data

GOOD = {
    "packages": ["numpy", "pandas>=2"],
    "files": {"{DOMAIN}": "https://x", "{DOMAIN}/a.py": ""},
    "js_modules": {"main": {"https://esm.run/d3": "d3"}},
    "interpreter": "0.29.3",
    "plugins": ["!error"],
    "packages_cache": "never",
    "debug": True,
    "my_custom": 1,
}

# (config, path of the error, failing keyword)
BAD: list[tuple[dict[str, Any], tuple[Any, ...], str]] = [
    ({"packages": "numpy"}, ("packages",), "type"),
    ({"files": ["a.py"]}, ("files",), "type"),
    ({"packages_cache": "sometimes"}, ("packages_cache",), "enum"),
    ({"experimental_ffi_timeout": "30"}, ("experimental_ffi_timeout",), "type"),
    ({"type": "app"}, ("type",), "not"),
    ({"fetch": [{"files": "a.py"}]}, ("fetch", 0, "files"), "type"),
    ({"js_modules": {"main": {"x.js": 1}}}, ("js_modules", "main", "x.js"), "type"),
    ({"debug": "yes"}, ("debug",), "type"),
    ({"fetch": [{"files": ["a.py"], "to_file": "b.py"}]}, ("fetch", 0), "not"),
    ({"experimental_create_proxy": "yes"}, ("experimental_create_proxy",), "enum"),
    ({"packages": [""]}, ("packages", 0), "minLength"),
]

PIPELINES = {"main", "worker", "editor", "game", "polyscript", "standalone", "remote-package"}
RELEASE = re.compile(r"^20\d\d\.\d{1,2}\.\d+$")
PLUGIN_NAMES = [
    "!codemirror",
    "!deprecations-manager",
    "!donkey",
    "!error",
    "!py-editor",
    "!py-game",
    "!py-terminal",
]
LEGACY = [
    "paths",
    "runtimes",
    "interpreters",
    "autoclose_loader",
    "splashscreen",
    "terminal",
    "docked",
    "xterm",
    "execution_thread",
    "name",
    "description",
    "author_name",
    "author_email",
    "license",
    "schema_version",
    "py-env",
]


@pytest.fixture(scope="module")
def generated() -> dict[str, Any]:
    return schema.generate()


@pytest.fixture(scope="module")
def validator(generated: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(generated)


def test_shipped_schema_files_are_current() -> None:
    assert schema.stale_targets() == [], (
        "the generated schema is out of date: run `pyscript-config schema --write`"
    )


def test_both_targets_are_active_in_the_source_tree() -> None:
    assert [p.relative_to(Path(schema.__file__).parents[2]) for p in schema.active_targets()] == [
        Path("schemas/pyscript.schema.json"),
        Path("server/pyscript_config/data/pyscript.schema.json"),
    ]


def test_stale_targets_reports_a_differing_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo_copy, package_copy = tmp_path / "repo.json", tmp_path / "pkg.json"
    monkeypatch.setattr(schema, "REPO_TARGET", repo_copy)
    monkeypatch.setattr(schema, "SCHEMA_TARGETS", (repo_copy, package_copy))
    monkeypatch.setattr(schema, "_in_source_tree", lambda: True)
    assert schema.stale_targets() == [str(repo_copy), str(package_copy)]  # both missing
    assert schema.write() == [str(repo_copy), str(package_copy)]
    assert schema.stale_targets() == []
    package_copy.write_text(schema.render().replace("2020-12", "2019-09"), encoding="utf-8")
    assert schema.stale_targets() == [str(package_copy)]


def test_installed_wheel_checks_only_the_package_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo_copy, package_copy = tmp_path / "repo.json", tmp_path / "pkg.json"
    monkeypatch.setattr(schema, "REPO_TARGET", repo_copy)
    monkeypatch.setattr(schema, "SCHEMA_TARGETS", (repo_copy, package_copy))
    monkeypatch.setattr(schema, "_in_source_tree", lambda: False)
    assert schema.stale_targets() == [str(package_copy)]
    assert schema.write() == [str(package_copy)]
    assert not repo_copy.exists()
    assert schema.stale_targets() == []


def test_render_is_deterministic_json_with_two_space_indent(generated: dict[str, Any]) -> None:
    text = schema.render()
    assert text == schema.render()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.splitlines()[1] == '  "$schema": "https://json-schema.org/draft/2020-12/schema",'
    assert json.loads(text) == generated


def test_schema_is_valid_2020_12(generated: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(generated)
    assert generated["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert generated["$id"] == (
        "https://raw.githubusercontent.com/pyscript-config/pyscript-config/main/schemas/"
        "pyscript.schema.json"
    )
    assert generated["type"] == "object"
    assert generated["additionalProperties"] is True
    assert {"RemotePackageConfig", "FetchEntry", "JsModules"} <= set(generated["$defs"])


def test_no_pydantic_artefacts(generated: dict[str, Any]) -> None:
    text = json.dumps(generated)
    assert '"null"' not in text  # no `X | None` branches
    assert '"default": null' not in text
    assert '"title"' not in json.dumps(generated["properties"])
    assert '"title"' not in json.dumps(generated["$defs"])
    assert "const" not in generated["properties"]["experimental_create_proxy"]
    assert generated["properties"]["experimental_create_proxy"]["enum"] == ["auto"]


def test_good_config_is_accepted(validator: Draft202012Validator) -> None:
    assert [e.message for e in validator.iter_errors(GOOD)] == []


@pytest.mark.parametrize(("config", "path", "keyword"), BAD)
def test_bad_config_is_rejected(
    validator: Draft202012Validator, config: dict[str, Any], path: tuple[Any, ...], keyword: str
) -> None:
    errors = list(validator.iter_errors(config))
    assert [(tuple(e.absolute_path), e.validator) for e in errors] == [(path, keyword)]


def test_plugins_accept_any_string(validator: Draft202012Validator) -> None:
    assert list(validator.iter_errors({"plugins": ["custom_plugin", "!error"]})) == []


def test_remote_package_config(generated: dict[str, Any]) -> None:
    remote = Draft202012Validator({**generated, "$ref": "#/$defs/RemotePackageConfig"})
    good = {"name": "pkg", "files": {"./a.py": "./pkg/"}, "whatever": [1]}
    assert list(remote.iter_errors(good)) == []
    assert [e.validator for e in remote.iter_errors({"name": 3})] == ["type"]
    assert list(generated["$defs"]["RemotePackageConfig"]["properties"]) == [
        "name",
        "packages",
        "files",
        "js_modules",
    ]


def test_every_property_is_documented(generated: dict[str, Any]) -> None:
    props = {
        **generated["properties"],
        **{
            f"remote.{k}": v
            for k, v in generated["$defs"]["RemotePackageConfig"]["properties"].items()
        },
    }
    assert len(props) == 19
    for name, prop in props.items():
        meta = prop["x-pyscript"]
        assert prop["description"] and "`" not in prop["description"], name
        assert prop["markdownDescription"].endswith(f"[PyScript documentation]({meta['docs']})")
        assert meta["docs"].startswith(model.DOCS_PAGE), name
        assert set(meta["interpreters"]) <= {"py", "mpy"} and meta["interpreters"], name
        assert set(meta["pipelines"]) <= PIPELINES and meta["pipelines"], name
        assert RELEASE.match(meta["since"]), name
        assert prop["x-taplo"]["links"]["key"] == meta["docs"]
        assert prop["x-taplo"]["docs"]["main"] == prop["markdownDescription"]


def test_key_metadata(generated: dict[str, Any]) -> None:
    props = generated["properties"]
    assert list(props) == [
        "packages",
        "files",
        "fetch",
        "js_modules",
        "interpreter",
        "version",
        "plugins",
        "packages_cache",
        "index_urls",
        "debug",
        "experimental_create_proxy",
        "experimental_ffi_timeout",
        "sync_main_only",
        "experimental_remote_packages",
        "type",
    ]
    meta = {name: p["x-pyscript"] for name, p in props.items()}
    assert [n for n, m in meta.items() if m.get("reserved")] == ["type"]
    assert [n for n, m in meta.items() if m.get("legacy")] == ["fetch"]
    assert {n: m["removed"] for n, m in meta.items() if "removed" in m} == {
        "experimental_remote_packages": "2026.6.1"
    }
    assert meta["js_modules"]["since"] == "2023.12.1"
    assert meta["packages_cache"]["since"] == "2024.10.1"
    assert meta["packages_cache"]["interpreters"] == ["py"]
    assert meta["plugins"]["pipelines"] == ["main", "standalone"]
    assert meta["version"]["pipelines"] == ["worker", "standalone"]
    assert meta["debug"]["interpreter_since"] == {"mpy": "2026.6.1"}
    assert meta["js_modules"]["docs"].endswith("#javascript-modules")
    assert meta["packages_cache"]["docs"].endswith("#package-cache")
    assert "TypeError: packages.map is not a function" in meta["packages"]["runtime_note"]
    assert "page" in props["interpreter"]["markdownDescription"]
    assert "<page folder>/0.29.3" in props["interpreter"]["markdownDescription"]


def test_deprecations(generated: dict[str, Any]) -> None:
    props = generated["properties"]
    assert props["fetch"]["deprecated"] is True
    assert props["fetch"]["deprecationMessage"] == (
        '"fetch" is the classic way to fetch files; it still works, but use "[files]" '
        '("<from>/<file>" = "<to_folder>/<file>") instead.'
    )
    assert props["experimental_remote_packages"]["deprecated"] is True
    assert "2026.6.1" in props["experimental_remote_packages"]["deprecationMessage"]
    deprecated = [n for n, p in props.items() if p.get("deprecated")]
    assert deprecated == ["fetch", "experimental_remote_packages"]


def test_type_is_reserved(generated: dict[str, Any]) -> None:
    prop = generated["properties"]["type"]
    assert prop["not"] == {}
    assert "overwrites" in prop["description"]
    # doNotSuggest hides it in VS Code; never x-taplo.hidden (tombi would skip validating it)
    assert prop["doNotSuggest"] is True and "hidden" not in prop["x-taplo"]


def test_enum_descriptions_line_up(generated: dict[str, Any]) -> None:
    cache = generated["properties"]["packages_cache"]
    assert cache["enum"] == ["never", "passthrough", "all"]
    assert cache["type"] == "string"  # kept beside the enum: the rule walker checks types first
    values = cache["x-pyscript"]["values"]
    assert cache["markdownEnumDescriptions"] == [values[v]["description"] for v in cache["enum"]]
    assert cache["x-taplo"]["docs"]["enumValues"] == cache["markdownEnumDescriptions"]
    assert "`" not in "".join(cache["enumDescriptions"])
    assert values["passthrough"]["since"] == "2025.7.1"
    proxy = generated["properties"]["experimental_create_proxy"]
    assert len(proxy["enumDescriptions"]) == 1


def test_plugin_names(generated: dict[str, Any]) -> None:
    plugins = generated["properties"]["plugins"]
    assert list(plugins["x-pyscript"]["values"]) == PLUGIN_NAMES
    assert plugins["items"] == {"type": "string", "examples": PLUGIN_NAMES}
    assert all(v["description"] for v in plugins["x-pyscript"]["values"].values())


def test_legacy_keys(generated: dict[str, Any]) -> None:
    table = generated["x-pyscript-legacy-keys"]
    assert set(LEGACY) <= set(table)
    assert not set(table) & set(generated["properties"])
    for name, entry in table.items():
        assert entry["era"] == "classic", name
        assert RELEASE.match(entry["until"]), name
        assert entry["message"].endswith(".") and "`" not in entry["message"], name
        assert entry["replacement"] is None or entry["replacement"] in generated["properties"]
    assert table["runtimes"]["replacement"] == "interpreter"
    assert table["paths"]["replacement"] == "files"
    assert table["autoclose_loader"]["replacement"] is None


def test_tool_extensions(generated: dict[str, Any]) -> None:
    assert generated["x-tombi-toml-version"] == "v1.0.0"
    assert generated["x-tombi-table-keys-order"] == "schema"
    # `files` must never be re-sorted: placeholders have to be defined before use.
    assert "x-tombi-table-keys-order" not in generated["properties"]["files"]
    assert generated["properties"]["files"]["x-tombi-additional-key-label"] == "source"
    assert generated["x-taplo-info"]["patterns"] == [r"^(.*(/|\\)pyscript\.toml|pyscript\.toml)$"]
    assert generated["$defs"]["JsModules"]["x-taplo"]["initKeys"] == ["main"]
    assert generated["$defs"]["JsModules"]["x-taplo"]["docs"]["main"].startswith("JavaScript")
    assert generated["defaultSnippets"][0]["body"]["packages"] == ["${1:numpy}"]


def test_model_validates_like_the_schema() -> None:
    assert model.PyScriptConfig.model_validate(GOOD).model_extra == {"my_custom": 1}
    for config, _, _ in BAD:
        with pytest.raises(ValidationError):
            model.PyScriptConfig.model_validate(config)


def test_schema_data_matches_the_generator(generated: dict[str, Any]) -> None:
    assert schema_data.load_schema() == generated
    assert schema_data.load_schema() is schema_data.load_schema()
    assert schema_data.top_level_keys() == list(generated["properties"])
    assert schema_data.legacy_keys() == generated["x-pyscript-legacy-keys"]


def test_property_schema_paths() -> None:
    main = schema_data.property_schema(("js_modules", "main"))
    assert main is not None and main["additionalProperties"] == {"type": "string"}
    module = schema_data.property_schema(("js_modules", "main", "https://esm.run/d3"))
    assert module == {"type": "string"}
    js_modules = schema_data.property_schema(("js_modules",))
    assert js_modules is not None
    assert js_modules["x-pyscript"]["since"] == "2023.12.1"  # the property's own metadata
    assert list(js_modules["properties"]) == ["main", "worker"]  # the definition's shape
    fetch_from = schema_data.property_schema(("fetch", 0, "from"))
    assert fetch_from is not None and fetch_from["type"] == "string"
    assert schema_data.property_schema(("index_urls", 1)) == {"type": "string"}
    assert schema_data.property_schema(("my_custom",)) is None
    assert schema_data.property_schema(("js_modules", "mian")) is None
    assert schema_data.property_schema(("debug", "x")) is None
    remote_name = schema_data.property_schema(("name",), definition="RemotePackageConfig")
    assert remote_name is not None and remote_name["x-pyscript"]["pipelines"] == ["remote-package"]
    assert schema_data.property_schema((), definition="Nope") is None


def test_resolve_follows_refs_and_keeps_sibling_annotations() -> None:
    root = {
        "$defs": {"A": {"$ref": "#/$defs/B", "description": "a"}, "B": {"type": "string"}},
    }
    assert schema_data.resolve(root, {"$ref": "#/$defs/A", "description": "mine"}) == {
        "type": "string",
        "description": "mine",
    }
    assert schema_data.resolve(root, {"$ref": "#/$defs/Missing", "x": 1}) == {"x": 1}
    cyclic = {"$defs": {"A": {"$ref": "#/$defs/A"}}}
    assert schema_data.resolve(cyclic, {"$ref": "#/$defs/A"}) == {"$ref": "#/$defs/A"}


def test_schema_data_does_not_import_pydantic() -> None:
    code = (
        "import sys\n"
        "from pyscript_config import schema_data\n"
        "schema_data.load_schema(); schema_data.property_schema(('files',))\n"
        "print(sorted(m for m in ('pydantic', 'jsonschema', 'pyscript_config.model') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
