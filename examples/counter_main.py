from pyscript import document
from pyscript.js_modules import confetti

from counter import Counter

counter = Counter()


def increment(event):
    document.querySelector("#count").innerText = str(counter.increment())
    confetti.default()
