from pyscript.js_modules import escaper
