from pyscript import sync

from utils import mean_of_csv


def average(path):
    return mean_of_csv(path)


__export__ = ["average"]
