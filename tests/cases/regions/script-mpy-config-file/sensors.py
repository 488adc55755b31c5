print("sensors")
