toString /etc/hosts
