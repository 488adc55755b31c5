from pyscript.js_modules import lib

print(lib.greet("py"))
