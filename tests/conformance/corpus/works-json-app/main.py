import json

from pyscript import config, display
from shop.pricing import total

with open("catalog.json") as handle:
    catalog = json.load(handle)

display(f"{config['app_name']}: {len(catalog)} items, total {total(catalog)}", target="out")
print("app ready")
