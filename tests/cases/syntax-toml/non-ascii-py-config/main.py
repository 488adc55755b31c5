print(open("météo.csv").read())
