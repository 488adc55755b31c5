print("utils")
