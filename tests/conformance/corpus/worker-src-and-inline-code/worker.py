print("from worker.py")
