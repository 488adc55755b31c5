print("worker without DOM access")
