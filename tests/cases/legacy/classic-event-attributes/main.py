def go(event):
    pass
