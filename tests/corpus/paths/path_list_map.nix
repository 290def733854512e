map baseNameOf [ ./one ./two/three /abs/four ]
