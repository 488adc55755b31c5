import my_pkg
