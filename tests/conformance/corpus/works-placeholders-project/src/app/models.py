ITEMS = ["a", "b"]
