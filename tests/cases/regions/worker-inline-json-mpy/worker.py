import ulab
