# non-ASCII text is kept byte for byte
[ "héllo" "snow ☃ man" "日本" "emoji 🎉" ]
