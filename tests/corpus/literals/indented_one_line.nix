''hello''
