import mylib
from mylib.util import double

print(mylib.NAME, double(21))
