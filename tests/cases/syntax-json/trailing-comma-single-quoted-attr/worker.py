import matplotlib
