from tool import defaults

print(defaults())
