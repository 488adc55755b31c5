from pyscript.js_modules import leaflet
