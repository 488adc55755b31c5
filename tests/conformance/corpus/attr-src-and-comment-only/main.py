print("main.py")
