"héllo ☃ 日本"
