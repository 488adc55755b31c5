import json


def defaults():
    with open("defaults.json") as handle:
        return json.load(handle)
