import os

print(sorted(os.listdir(".")))
with open("worker.txt") as handle:
    print(handle.read())
