from app.models import ITEMS


def render():
    return ", ".join(ITEMS)
