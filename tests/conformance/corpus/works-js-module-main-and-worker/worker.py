from pyscript.js_modules import maths

print(maths.square(7))
