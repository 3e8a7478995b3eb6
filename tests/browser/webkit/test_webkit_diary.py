"""In WebKit, the diary works with the server gone: a cramp logged offline stays and exports."""

import csv
import io
import json

NOTE = "After a long walk, logged in WebKit"


def choose(webkit, name, value):
    """Taps the label of one of the form's choices, as a thumb does."""
    webkit.tap(f"label:has(> input[name='{name}'][value='{value}'])")
    assert webkit.find(f"input[name='{name}'][value='{value}']").is_selected()


def diary_is_ready(webkit):
    webkit.wait_for("location.pathname === '/en/diary/'")
    webkit.wait_until_filled("[data-diary]")


def test_a_cramp_logged_offline_survives_a_reload_and_exports(webkit, server):
    webkit.open(f"{server.url}/en/")
    webkit.wait_until_ready_offline()
    server.stop()
    assert server.is_stopped()
    webkit.open(f"{server.url}/en/diary/log/")
    webkit.wait_until_filled("form[data-log]")
    assert webkit.heading() == "Log a cramp"
    for name, value in [
        ("setting", "land"), ("muscle", "calf"), ("side", "left"), ("duration", "1-5"),
        ("severity", "6"),
    ]:  # fmt: skip
        choose(webkit, name, value)
    webkit.tap("#log-note")
    webkit.find("#log-note").send_keys(NOTE)
    webkit.tap("form[data-log] button[type=submit]")
    diary_is_ready(webkit)
    entries = webkit.find_all(".entry")
    assert len(entries) == 1
    assert "Calf, Left · 1 to 5 minutes · 6 out of 10" in webkit.text(".entry")
    webkit.driver.refresh()  # offline: the page and the entry both come from the phone
    diary_is_ready(webkit)
    assert webkit.heading() == "My cramp diary"
    assert NOTE in webkit.text(".entry")
    webkit.tap("button[data-export=csv]")
    rows = list(csv.DictReader(io.StringIO(webkit.download("cramp-diary-*.csv"))))
    assert [(row["muscle"], row["side"], row["duration"], row["note"]) for row in rows] == [
        ("calf", "left", "1-5", NOTE)
    ]
    assert rows[0]["severity_0_to_10"] == "6"
    webkit.tap("button[data-export=json]")
    exported = json.loads(webkit.download("cramp-diary-*.json"))
    assert exported["format"] == "cramp-aid-diary"
    assert [entry["note"] for entry in exported["entries"]] == [NOTE]
    assert exported["entries"][0]["id"] == rows[0]["id"]
    assert server.is_stopped()
