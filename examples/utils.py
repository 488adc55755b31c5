import csv


def mean_of_csv(path):
    with open(path) as handle:
        values = [float(row["celsius"]) for row in csv.DictReader(handle)]
    return sum(values) / len(values)
