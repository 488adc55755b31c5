from pyscript.js_modules import d3
